/**
 * Where docs live between loads: an append-only log of updates per room (the audit trail
 * and the version history) plus a checkpoint, the merged state up to a sequence number,
 * so that a load reads one checkpoint and a short tail. SQLite fills it embedded;
 * PostgreSQL fills it when the server is scaled out.
 */
/**
 * A room's merged, garbage-collected state. Kept in Yjs's v1 encoding, the one the sync
 * protocol sends, so that a new client is sent the stored bytes as they are; the state
 * vector and the deletions (an update without structs) are stored beside it because
 * reading them out of a large state takes longer than the rest of a load.
 */
export interface DocBytes {
  state: Uint8Array
  stateVector: Uint8Array
  deletes: Uint8Array
}

/** An item holding a value of the plan's meta map: [client, clock, key]. */
export type MetaItem = [client: number, clock: number, key: string]

export interface Checkpoint extends DocBytes {
  /** The plan's meta values (empty in rooms that are not plans), for the plan list. */
  meta: Record<string, unknown>
  /** The items holding them, so that a later overwrite is recognised without the state. */
  metaItems: MetaItem[]
}

export interface StoredDoc {
  checkpoint: Checkpoint | null
  checkpointSeq: number
  /** Updates after the checkpoint, in log order. */
  tail: Uint8Array[]
  lastSeq: number
}

export interface LogEntry {
  room: string
  update: Uint8Array
  /** The id of the token the sender connected with (never anything the client claims); null for the server itself. */
  author: string | null
  at: number
}

/** One stored update, as the log holds it, with its link in the room's chain (`shared/logChain.ts`). */
export interface LoggedUpdate {
  seq: number
  at: number
  author: string | null
  update: Uint8Array
  hash: Uint8Array
}

export interface UpdateLog {
  load(room: string): Promise<StoredDoc>
  /** Appends all entries in one atomic write, each chained to its room's last; resolves with each entry's seq, in order. */
  append(entries: readonly LogEntry[]): Promise<number[]>
  /**
   * Replaces the room's checkpoint with the merged doc up to and including `seq`, unless
   * another writer (another instance) has replaced the one at `known` since; resolves with
   * the seq of the checkpoint stored now and whether this call wrote it. Each round of
   * checkpoints is written once, however many instances compacted the room.
   */
  checkpoint(room: string, checkpoint: Checkpoint, seq: number, known: number): Promise<{ stored: number; wrote: boolean }>
  /** The whole log of a room in order: the audit trail and the version history. */
  readLog(room: string): Promise<LoggedUpdate[]>
  /** The room's last update's number and chain hash (0 and zeros for an empty log): where a version points. */
  head(room: string): Promise<{ seq: number; hash: Uint8Array }>
  close(): Promise<void>
}
