import { foldText } from './filters.js'
import type { PlanView, Read } from './read.js'
import { isDueSoon, isOverdue } from './rollups.js'
import type { Action } from './schema.js'
import type { IsoDay } from './dates.js'

/** One organization's open commitment in one plan: an action it owns that is not done or dropped. */
export interface Commitment {
  planId: string
  planTitle: string
  action: Read<Action>
  organization: string
  country: string | null
  overdue: boolean
  dueSoon: boolean
}

const OPEN = new Set(['planned', 'in_progress', 'blocked'])

/**
 * Every open commitment across plans, one per owning organization. Organizations are
 * matched across plans by name (each plan keeps its own directory); the earliest due first.
 */
export const commitmentsAcross = (plans: readonly { planId: string; plan: PlanView }[], today: IsoDay, soonDays: number): Commitment[] => {
  const out: Commitment[] = []
  for (const { planId, plan } of plans) {
    const directory = new Map(plan.stakeholders.map((s) => [s.id, s]))
    for (const action of plan.actions) {
      if (!OPEN.has(action.status)) continue
      for (const owner of action.owners) {
        const organization = directory.get(owner)
        out.push({
          planId,
          planTitle: plan.meta.title,
          action,
          organization: organization?.name ?? owner,
          country: organization?.country ?? null,
          overdue: isOverdue(action, today),
          dueSoon: isDueSoon(action, today, soonDays),
        })
      }
    }
  }
  return out.sort((a, b) => (a.action.due ?? '9999').localeCompare(b.action.due ?? '9999') || a.planTitle.localeCompare(b.planTitle))
}

/** Commitments grouped by organization (matched by folded name) or by the organization's country. */
export const groupCommitments = (rows: readonly Commitment[], by: 'organization' | 'country'): { key: string; label: string; rows: Commitment[] }[] => {
  const groups = new Map<string, { key: string; label: string; rows: Commitment[] }>()
  for (const row of rows) {
    const label = by === 'organization' ? row.organization : row.country ?? '—'
    const key = foldText(label)
    const group = groups.get(key) ?? { key, label, rows: [] }
    group.rows.push(row)
    groups.set(key, group)
  }
  return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label))
}
