export interface StoredUpdate {
  seq: number
  update: Uint8Array
}

/** An append another instance committed: the room and its new head, and the updates themselves when they are small enough to carry. */
export interface AppendNotice {
  room: string
  seq: number
  instance: string
  /** The appended updates, in order, ending at `seq`; empty when the reader must read them from the log. */
  updates: StoredUpdate[]
}

/** What an instance hears from the others. */
export interface FeedListener {
  /** Another instance appended to a room. */
  heard(notice: AppendNotice): void
  /** The feed's connection was lost and is back: every held room must read what it may have missed. */
  resync(): void
  /** Another instance's clients' presence in a room changed (an awareness update, never stored). */
  presence(room: string, instance: string, update: Uint8Array): void
  /** An instance stopped beating (it died): its clients' presence is gone. */
  gone(instance: string): void
}

/**
 * How instances sharing one log learn of each other's appends and presence. Kept this
 * small so that another transport can replace PostgreSQL's NOTIFY: a publish of an append
 * is part of the append itself (delivered only once committed, in commit order); a
 * subscriber reads the rows it missed.
 */
export interface UpdateFeed {
  subscribe(listener: FeedListener): Promise<void>
  /** Tells the other instances of this instance's clients' presence in `room` (best effort). */
  publishPresence(room: string, update: Uint8Array): void
  /** The room's stored updates after `seq`, in order. */
  readAfter(room: string, seq: number): Promise<StoredUpdate[]>
  /** The heads of these rooms (rooms with no update are left out): a cheap check for a notice that never came. */
  heads(rooms: readonly string[]): Promise<Map<string, number>>
}
