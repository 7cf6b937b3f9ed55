import { z } from 'zod'
import type { DiscussionView } from './discussion.js'
import { positions, type Position } from './positions.js'
import type { PlanView } from './read.js'
import { Id, IsoDate, VERDICTS } from './schema.js'
import { LogPoint } from './versions.js'

/** Most actions one round can ask about; a larger plan is asked as a whole (`actionIds: null`). */
export const MAX_ROUND_ACTIONS = 2_000
/** Most organizations one round asks. */
export const MAX_ROUND_ORGS = 100

/**
 * A review round, as an owner opens it: which actions (null: the whole plan, as it is when
 * the round closes), which organizations are asked for their verdict, and by when.
 */
export const RoundInput = z
  .object({
    title: z.string().trim().min(1, 'a title is required').max(200),
    deadline: IsoDate,
    actionIds: z.array(Id).min(1, 'choose at least one action').max(MAX_ROUND_ACTIONS).nullable(),
    orgs: z.array(z.string().trim().min(1).max(200)).min(1, 'ask at least one organization').max(MAX_ROUND_ORGS),
  })
  .strict()
export type RoundInput = z.input<typeof RoundInput>

const Counts = z.object({ endorse: z.number(), concern: z.number(), object: z.number(), none: z.number(), earlier: z.number() })

/** Where the round stood when it closed: each asked organization's counts, and every concern and objection with its note. */
export const RoundSummary = z.object({
  actions: z.number().int().nonnegative(),
  orgs: z.array(z.object({ org: z.string() }).extend(Counts.shape)),
  reservations: z.array(z.object({ actionId: Id, title: z.string(), org: z.string(), verdict: z.enum(VERDICTS), note: z.string(), earlier: z.boolean() })),
})
export type RoundSummary = z.infer<typeof RoundSummary>

const Person = z.object({ name: z.string(), org: z.string() })

/**
 * What closing a round records: the summary, and the log positions it was read at, so that
 * the state it speaks of can be rebuilt and checked like a version's.
 */
export const RoundClosing = z.object({ plan: LogPoint, discussion: LogPoint, summary: RoundSummary })
export type RoundClosing = z.infer<typeof RoundClosing>

export const Round = RoundInput.extend({
  id: z.string().uuid(),
  planId: Id,
  openedAt: z.number().int(),
  /** Who opened and closed it, as the server knows their tokens. */
  openedBy: Person,
  closed: RoundClosing.extend({ at: z.number().int(), by: Person }).nullable(),
})
export type Round = z.infer<typeof Round>

export interface RoundStanding {
  org: string
  counts: Record<Position, number>
  /** Verdicts given on an earlier version of the action than the one in the round now. */
  earlier: number
  /** The round's actions this organization has not reviewed, or reviewed on an earlier version. */
  pending: PlanView['actions']
}

const NO_FILTER = { areaId: null, needsMine: false, hasObjection: false }

/** The round's actions as they stand in `plan`: those it names that still exist, or the whole plan. */
export const roundActions = (round: Pick<Round, 'actionIds'>, plan: PlanView): PlanView['actions'] => {
  if (round.actionIds === null) return plan.actions
  const asked = new Set(round.actionIds)
  return plan.actions.filter((a) => asked.has(a.id))
}

/** Where each organization a round asks stands on its actions: counts by verdict and what it still has to review. */
export const roundStandings = (round: Pick<Round, 'actionIds' | 'orgs'>, plan: PlanView, discussion: DiscussionView): RoundStanding[] => {
  const asked = new Set(roundActions(round, plan).map((a) => a.id))
  const rows = positions(plan, discussion, '', NO_FILTER).rows.filter((row) => asked.has(row.action.id))
  return round.orgs.map((org) => {
    const counts: Record<Position, number> = { endorse: 0, concern: 0, object: 0, none: 0 }
    let earlier = 0
    const pending: PlanView['actions'] = []
    for (const row of rows) {
      const verdict = row.verdicts.find((v) => v.org === org)
      counts[verdict?.verdict ?? 'none']++
      if (verdict?.earlier) earlier++
      if (!verdict || verdict.earlier) pending.push(row.action)
    }
    return { org, counts, earlier, pending }
  })
}

/** The summary a round keeps when it closes. */
export const summarizeRound = (round: Pick<Round, 'actionIds' | 'orgs'>, plan: PlanView, discussion: DiscussionView): RoundSummary => {
  const actions = roundActions(round, plan)
  const orgs = new Set(round.orgs)
  return {
    actions: actions.length,
    orgs: roundStandings(round, plan, discussion).map(({ org, counts, earlier }) => ({ org, ...counts, earlier })),
    reservations: positions(plan, discussion, '', NO_FILTER)
      .rows.filter((row) => actions.includes(row.action))
      .flatMap((row) =>
        row.verdicts
          .filter((v) => orgs.has(v.org) && v.verdict !== 'endorse')
          .map((v) => ({ actionId: row.action.id, title: row.action.title, org: v.org, verdict: v.verdict, note: v.note, earlier: v.earlier })),
      ),
  }
}
