import { z } from 'zod'

/** Where the history process reads the log from: the SQLite file in the data folder, or the shared PostgreSQL database. */
export const LogPlace = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sqlite'), file: z.string().min(1) }),
  z.object({ kind: z.literal('postgres'), url: z.string().min(1) }),
])
export type LogPlace = z.infer<typeof LogPlace>

/** A log the plan history is built from (by the history process, which reads it itself). */
export interface HistoryLog {
  readonly place: LogPlace
  /**
   * Changes whenever anything a page of the plan's history shows may have changed: an update
   * logged in the plan, its discussion or its descriptions (by any instance), or a name on record.
   */
  historyMark(planId: string): Promise<string>
}
