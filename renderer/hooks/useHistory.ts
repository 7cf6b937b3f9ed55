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
    }),
  ),
})

const REFRESH_DELAY_MS = 800

/**
 * The plan's audit trail from the server (who changed which field, when), refreshed a
 * moment after the plan changes. Null while it cannot be had (offline, or not yet loaded).
 */
export const useHistory = (planId: string, plan: PlanView, actionId?: string): FieldChange[] | null => {
  const [changes, setChanges] = useState<FieldChange[] | null>(null)
  useEffect(() => {
    const abort = new AbortController()
    const timer = setTimeout(() => {
      const query = actionId ? `?actionId=${encodeURIComponent(actionId)}` : ''
      authorizedFetch(planId, `/api/plans/${planId}/history${query}`, { signal: abort.signal })
        .then(async (res) => {
          const parsed = Changes.safeParse(await res.json())
          if (res.ok && parsed.success) setChanges(parsed.data.changes as FieldChange[])
        })
        .catch(() => undefined)
    }, changes === null ? 0 : REFRESH_DELAY_MS)
    return () => {
      clearTimeout(timer)
      abort.abort()
    }
  }, [planId, actionId, plan]) // refetch when the plan changes; `changes` only picks the delay
  return changes
}
