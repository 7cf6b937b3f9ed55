import type { JoinCodeRecord } from '../../shared/workshop.js'

/** The join codes of workshop sessions: a code shown to a room lets each person there take an invite of their own. */
export interface JoinCodeStore {
  saveJoinCode(record: JoinCodeRecord): Promise<void>
  joinCode(code: string): Promise<JoinCodeRecord | null>
  /** The newest code still valid for a session, if any. */
  currentJoinCode(planId: string, workshopId: string, now: number): Promise<JoinCodeRecord | null>
}
