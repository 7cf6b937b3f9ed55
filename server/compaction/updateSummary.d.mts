import type * as Y from 'yjs'

/** [client, from, to): a run of structs of one client. */
export type ClockRange = [client: number, from: number, to: number]
/** A client's deleted [clock, len] ranges. */
export type ClientDeletes = [client: number, ranges: [clock: number, len: number][]]

export interface UpdateSummary {
  structs: ReturnType<typeof Y.decodeUpdate>['structs']
  ranges: ClockRange[]
  deletes: ClientDeletes[]
}

export declare const summarizeUpdate: (bytes: Uint8Array) => UpdateSummary
