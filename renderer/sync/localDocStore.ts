import * as Y from 'yjs'
import type { LocalDb } from './localDb.js'

/** Once a room holds more rows than this, rows the server has are merged into one. */
const COMPACT_AFTER_ROWS = 300

/**
 * Keeps one doc in IndexedDB update by update. An edit is written before the UI can call
 * it saved; edits made while the server cannot hear them are marked pending until a sync
 * exchange has sent them.
 */
export class LocalDocStore {
  private readonly writes = new Set<Promise<unknown>>()
  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this) return
    const pending: 0 | 1 = this.isLocal(origin) && !this.serverListening() ? 1 : 0
    this.track(this.db.updates.add({ room: this.room, update, pending }))
  }

  constructor(
    private readonly db: LocalDb,
    readonly room: string,
    private readonly doc: Y.Doc,
    /** True for updates made on this device (not received from the server). */
    private readonly isLocal: (origin: unknown) => boolean,
    /** True while connected and synced: an edit then goes straight to the server. */
    private readonly serverListening: () => boolean,
  ) {}

  /** Applies everything stored for the room, then starts recording. Returns how many updates it read. */
  async load(): Promise<number> {
    const rows = await this.db.updates.where('room').equals(this.room).sortBy('id')
    if (rows.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(rows.map((r) => r.update)), this)
    this.doc.on('update', this.onUpdate)
    if (rows.length > COMPACT_AFTER_ROWS) this.track(this.compact())
    return rows.length
  }

  pendingCount(): Promise<number> {
    return this.db.updates.where('[room+pending]').equals([this.room, 1]).count()
  }

  /** The sync exchange has sent everything: nothing is pending any more. */
  markSent(): Promise<unknown> {
    return this.track(this.db.updates.where('[room+pending]').equals([this.room, 1]).modify({ pending: 0 }))
  }

  /** Resolves when every write started so far is in IndexedDB. */
  async flushed(): Promise<void> {
    await Promise.all([...this.writes])
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate)
  }

  private async compact(): Promise<void> {
    await this.db.transaction('rw', this.db.updates, async () => {
      const settled = await this.db.updates.where('[room+pending]').equals([this.room, 0]).toArray()
      if (settled.length < 2) return
      const merged = Y.mergeUpdates(settled.map((r) => r.update))
      await this.db.updates.bulkDelete(settled.map((r) => r.id as number))
      await this.db.updates.add({ room: this.room, update: merged, pending: 0 })
    })
  }

  private track<T>(write: Promise<T>): Promise<T> {
    this.writes.add(write)
    void write.finally(() => this.writes.delete(write))
    return write
  }
}
