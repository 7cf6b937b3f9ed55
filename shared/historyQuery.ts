import { z } from 'zod'
import { Id } from './schema.js'

/** Largest page of changes one history request returns. */
export const MAX_HISTORY_PAGE = 2_000

/** What a history request asks for: a plan's changes, newest page first, optionally one action's, or those after a time. */
export const HistoryQuery = z.object({
  planId: Id,
  actionId: Id.optional(),
  /** Only changes after this time (ms since the epoch). */
  since: z.coerce.number().int().nonnegative().optional(),
  /** Only the plan's own changes logged after this update (a version's `seq`): what changed since it. */
  afterSeq: z.coerce.number().int().nonnegative().optional(),
  /** Only the plan's own changes logged up to this update (a later version's `seq`). */
  upToSeq: z.coerce.number().int().nonnegative().optional(),
  /** The cursor a previous page returned as `next`: the changes before it. */
  before: z.string().regex(/^\d+:\d+$/, 'before must be the cursor a previous page returned').optional(),
  limit: z.coerce.number().int().positive().max(MAX_HISTORY_PAGE).default(500),
})
export type HistoryQuery = z.output<typeof HistoryQuery>

/** A change as the index keeps it: the author is a token id, named when it is served. */
export interface StoredChange {
  seq: number
  at: number
  author: string | null
  entity: string
  entityId: string
  field: string
  before: unknown
  after: unknown
  actionId: string | null
}
