import { givenOnEarlierVersion } from './actionStamp.js'
import type { DiscussionView } from './discussion.js'
import type { PlanView } from './read.js'
import type { Review } from './schema.js'

export type Position = Review['verdict'] | 'none'

export interface ActionPositions {
  action: PlanView['actions'][number]
  /** Each organization's verdict on it, and whether the action changed since. */
  verdicts: { org: string; verdict: Review['verdict']; note: string; by: string; earlier: boolean }[]
  openThreads: number
  /** My organization has not reviewed it, or reviewed an earlier version of it. */
  needsMine: boolean
  hasObjection: boolean
}

export interface OrganizationStanding {
  org: string
  counts: Record<Position, number>
  /** Verdicts given on an earlier version of their action. */
  earlier: number
}

export interface PositionFilter {
  areaId: string | null
  needsMine: boolean
  hasObjection: boolean
}

/**
 * Where every organization stands on every action: the Review tab's table. Organizations
 * are those that gave any verdict, and mine; an action one of them has not reviewed counts
 * as `none` for it.
 */
export const positions = (plan: PlanView, discussion: DiscussionView, myOrg: string, filter: PositionFilter): { rows: ActionPositions[]; organizations: OrganizationStanding[] } => {
  const all = plan.actions.map((action): ActionPositions => {
    const verdicts = (discussion.verdictsByAction.get(action.id) ?? []).map((v) => ({ org: v.org, verdict: v.verdict, note: v.note, by: v.by.name, earlier: givenOnEarlierVersion(v, action) }))
    const mine = verdicts.find((v) => v.org === myOrg)
    return {
      action,
      verdicts: verdicts.sort((a, b) => a.org.localeCompare(b.org)),
      openThreads: (discussion.threadsByAction.get(action.id) ?? []).filter((t) => !t.thread.resolved).length,
      needsMine: !mine || mine.earlier,
      hasObjection: verdicts.some((v) => v.verdict === 'object'),
    }
  })
  const orgs = [...new Set([myOrg, ...all.flatMap((row) => row.verdicts.map((v) => v.org))])].filter((org) => org !== '').sort((a, b) => a.localeCompare(b))
  const rows = all.filter((row) => (filter.areaId === null || row.action.areaId === filter.areaId) && (!filter.needsMine || row.needsMine) && (!filter.hasObjection || row.hasObjection))
  const organizations = orgs.map((org): OrganizationStanding => {
    const counts: Record<Position, number> = { endorse: 0, concern: 0, object: 0, none: 0 }
    let earlier = 0
    for (const row of rows) {
      const verdict = row.verdicts.find((v) => v.org === org)
      counts[verdict?.verdict ?? 'none']++
      if (verdict?.earlier) earlier++
    }
    return { org, counts, earlier }
  })
  return { rows, organizations }
}
