import { useEffect, useState } from 'react'
import { z } from 'zod'
import type { FieldChange, PlanView } from '../../shared/index.js'
import { authorizedFetch } from './useIdentity.js'

const Changes = z.object({
  changes: z.array(
    z.object({
      seq: z.number(),
      at: z.number(),
      author: z.object({ id: z.string(), name: z.string(), org: z.string() }).nullable(),
      entity: z.enum(['meta', 'area', 'stakeholder', 'action', 'comment', 'verdict', 'thread']),
      entityId: z.string(),
      field: z.string(),
      before: z.unknown().optional(),
      after: z.unknown().optional(),
      actionId: z.string().optional(),
      overwritten: z.literal(true).optional(),
      overwrittenBy: z.object({ id: z.string(), name: z.string(), org: z.string() }).nullable().optional(),
    }),
  ),
})

/** The history as far as it could be had. */
export type HistoryState = FieldChange[] | 'loading' | 'unavailable'

/** The history is fetched again once the plan has been quiet this long after a change. */
const QUIET_MS = 2_000

/**
 * The plan's audit trail from the server (who changed which field, when), the latest
 * `limit` changes (of one action, or of a stretch of the plan's log, when given), oldest first. Fetched when the view opens,
 * then again once the plan has been quiet for a moment after changing: a workshop's stream
 * of edits costs one request per pause, not one per keystroke. `loading` until the first
 * answer, `unavailable` when the server cannot give one (offline); a later failure keeps
 * the last list.
 */
export const useHistory = (
  planId: string,
  plan: PlanView,
  { actionId, limit, afterSeq, upToSeq }: { actionId?: string; limit?: number; afterSeq?: number; upToSeq?: number } = {},
): HistoryState => {
  const [changes, setChanges] = useState<HistoryState>('loading')
  useEffect(() => {
    const abort = new AbortController()
    const keepOrGiveUp = () => setChanges((before) => (Array.isArray(before) ? before : 'unavailable'))
    const timer = setTimeout(() => {
      const query = new URLSearchParams({
        ...(actionId ? { actionId } : {}),
        ...(limit ? { limit: String(limit) } : {}),
        ...(afterSeq !== undefined ? { afterSeq: String(afterSeq) } : {}),
        ...(upToSeq !== undefined ? { upToSeq: String(upToSeq) } : {}),
      })
      authorizedFetch(planId, `/api/plans/${planId}/history?${query}`, { signal: abort.signal })
        .then(async (res) => {
          const parsed = Changes.safeParse(await res.json())
          if (res.ok && parsed.success) setChanges(parsed.data.changes as FieldChange[])
          else keepOrGiveUp()
        })
        .catch(() => {
          if (!abort.signal.aborted) keepOrGiveUp()
        })
    }, Array.isArray(changes) ? QUIET_MS : 0)
    return () => {
      clearTimeout(timer)
      abort.abort()
    }
  }, [planId, actionId, limit, afterSeq, upToSeq, plan]) // a change restarts the quiet period; `changes` only picks the delay
  return changes
}
