import type { Round } from '../../shared/rounds.js'

/** Review rounds of each plan: opened by an owner, closed once with the summary of where each organization stood. */
export interface RoundStore {
  saveRound(round: Round): Promise<void>
  listRounds(planId: string): Promise<Round[]>
  getRound(id: string): Promise<Round | null>
  /** Stores the round as closed unless it is closed already; false when it was. */
  closeRound(closed: Round): Promise<boolean>
}
