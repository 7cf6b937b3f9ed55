import { addDays, type IsoDay } from './dates.js'
import type { PlanView } from './read.js'
import type { Action, ActionStatus, Indicator, StakeholderKind } from './schema.js'
import { ACTION_STATUSES } from './schema.js'

/** Dropped actions are out of the plan's arithmetic: they neither count nor drag progress down. */
const counted = (action: Pick<Action, 'status'>): boolean => action.status !== 'dropped'

const isClosed = (action: Pick<Action, 'status'>): boolean => action.status === 'done' || action.status === 'dropped'

export const isOverdue = (action: Pick<Action, 'status' | 'due'>, today: IsoDay): boolean =>
  !isClosed(action) && action.due != null && action.due < today

export const isDueSoon = (action: Pick<Action, 'status' | 'due'>, today: IsoDay, days = 14): boolean =>
  !isClosed(action) && action.due != null && action.due >= today && action.due <= addDays(today, days)

export const overdueActions = <A extends Action>(actions: readonly A[], today: IsoDay): A[] =>
  actions.filter((a) => isOverdue(a, today)).sort((a, b) => (a.due ?? '').localeCompare(b.due ?? ''))

export const dueSoonActions = <A extends Action>(actions: readonly A[], today: IsoDay, days = 14): A[] =>
  actions.filter((a) => isDueSoon(a, today, days)).sort((a, b) => (a.due ?? '').localeCompare(b.due ?? ''))

/** How far an indicator has come from baseline to target, 0..100; null when it cannot be said. */
export const indicatorProgress = (indicator: Pick<Indicator, 'baseline' | 'target' | 'current'>): number | null => {
  const { baseline, target, current } = indicator
  if (target == null || current == null) return null
  const from = baseline ?? 0
  if (target === from) return current >= target ? 100 : 0
  const share = ((current - from) / (target - from)) * 100
  return Math.round(Math.min(100, Math.max(0, share)))
}

export interface Rollup {
  key: string
  label: string
  /** Actions counted (dropped ones excluded). */
  count: number
  /** Mean progress of the counted actions, 0..100, rounded; 0 for none. */
  progress: number
  overdue: number
  byStatus: Record<ActionStatus, number>
}

const emptyByStatus = (): Record<ActionStatus, number> =>
  Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>

const rollup = (
  groups: Map<string, { label: string; actions: Action[] }>,
  today: IsoDay,
): Rollup[] =>
  [...groups].map(([key, { label, actions }]) => {
    const byStatus = emptyByStatus()
    for (const a of actions) byStatus[a.status]++
    const live = actions.filter(counted)
    const progress = live.length === 0 ? 0 : Math.round(live.reduce((sum, a) => sum + a.progress, 0) / live.length)
    return { key, label, count: live.length, progress, overdue: live.filter((a) => isOverdue(a, today)).length, byStatus }
  })

const group = (
  plan: PlanView,
  keysOf: (action: Action) => readonly string[],
  seed: readonly { key: string; label: string }[],
  labelOf: (key: string) => string,
): Map<string, { label: string; actions: Action[] }> => {
  const groups = new Map(seed.map(({ key, label }) => [key, { label, actions: [] as Action[] }]))
  for (const action of plan.actions) {
    for (const key of new Set(keysOf(action))) {
      let entry = groups.get(key)
      if (!entry) groups.set(key, (entry = { label: labelOf(key), actions: [] }))
      entry.actions.push(action)
    }
  }
  return groups
}

/** Every area appears, in plan order, even with no actions yet. */
export const rollupByArea = (plan: PlanView, today: IsoDay): Rollup[] =>
  rollup(group(plan, (a) => [a.areaId], plan.areas.map((a) => ({ key: a.id, label: a.title })), () => 'Unknown area'), today)

/** By owning stakeholder; an action with two owners counts for both. */
export const rollupByStakeholder = (plan: PlanView, today: IsoDay): Rollup[] => {
  const names = new Map(plan.stakeholders.map((s) => [s.id, s.name]))
  return rollup(group(plan, (a) => a.owners, [], (id) => names.get(id) ?? 'Unknown organization'), today)
}

export const rollupByStakeholderKind = (plan: PlanView, today: IsoDay): Rollup[] => {
  const kinds = new Map<string, StakeholderKind>(plan.stakeholders.map((s) => [s.id, s.kind]))
  return rollup(group(plan, (a) => a.owners.map((id) => kinds.get(id) ?? 'other'), [], (kind) => kind), today)
}

export const rollupByCountry = (plan: PlanView, today: IsoDay): Rollup[] =>
  rollup(group(plan, (a) => a.countries, [], (code) => code), today)

/** The whole plan in one figure set. */
export const rollupPlan = (plan: PlanView, today: IsoDay): Rollup =>
  rollup(new Map([['plan', { label: plan.meta.title, actions: [...plan.actions] }]]), today)[0] as Rollup
