/** An append another instance committed: the room and its new head. */
export interface AppendNotice {
  room: string
  seq: number
  instance: string
}

export interface StoredUpdate {
  seq: number
  update: Uint8Array
}

/**
 * How instances sharing one log learn of each other's appends. Kept this small so that
 * another transport can replace PostgreSQL's NOTIFY: a publish is part of the append itself
 * (delivered only once committed, in commit order); a subscriber reads the rows it missed.
 */
export interface UpdateFeed {
  /**
   * `heard` learns of every append by another instance; `resync` is called after any gap in
   * hearing (the feed's connection was lost and is back), when every held room must read
   * what it may have missed.
   */
  subscribe(heard: (notice: AppendNotice) => void, resync: () => void): Promise<void>
  /** The room's stored updates after `seq`, in order. */
  readAfter(room: string, seq: number): Promise<StoredUpdate[]>
  /** The heads of these rooms (rooms with no update are left out): a cheap check for a notice that never came. */
  heads(rooms: readonly string[]): Promise<Map<string, number>>
}
