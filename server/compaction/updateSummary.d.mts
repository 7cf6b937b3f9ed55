import type * as Y from 'yjs'

/** [client, from, to): a run of structs of one client. */
export type ClockRange = [client: number, from: number, to: number]
/** A client's deleted [clock, len] ranges. */
export type ClientDeletes = [client: number, ranges: [clock: number, len: number][]]

/** [client, clock]: the update needs that client's structs below `clock`. */
export type ClockNeed = [client: number, clock: number]

export interface UpdateSummary {
  structs: ReturnType<typeof Y.decodeUpdate>['structs']
  ranges: ClockRange[]
  deletes: ClientDeletes[]
  needs: ClockNeed[]
}

export declare const summarizeUpdate: (bytes: Uint8Array) => UpdateSummary
