import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { CommitQueue } from './CommitQueue.js'
import type { Compactor } from './Compactor.js'
import type { Connection } from './Connection.js'
import { DiscussionGuard } from './DiscussionGuard.js'
import { WorkshopGuard } from './WorkshopGuard.js'
import { DocState, parseUpdate, type ParsedUpdate } from './DocState.js'
import type { Logger } from './logger.js'
import { MetaWatch } from './MetaWatch.js'
import type { Metrics } from './metrics.js'
import { awarenessFrame, updateFrame } from './protocol.js'
import type { PlanDirectory } from './storage/PlanDirectory.js'
import type { StoredUpdate, UpdateFeed } from './storage/UpdateFeed.js'
import type { StoredDoc, UpdateLog } from './storage/UpdateLog.js'
import type { Identity } from '../shared/access.js'
import { readMetaRecord } from '../shared/read.js'
import { RoomName, type Room as RoomAddress } from '../shared/rooms.js'

/** The plan list's updatedAt is refreshed at most this often. */
const SUMMARY_REFRESH_MS = 60_000
/**
 * A room that never goes quiet is compacted anyway once it holds this many times the
 * checkpoint interval: what a joiner is sent, and merges, grows with the updates since.
 */
const OVERDUE_FACTOR = 5

export interface RoomDeps {
  commits: CommitQueue
  compactor: Compactor
  metrics: Metrics
  log: UpdateLog
  /** Other instances' appends to the same log, when the server is one of several; null alone. */
  feed: UpdateFeed | null
  directory: PlanDirectory | null
  logger: Logger
  checkpointEveryUpdates: number
  checkpointDelayMs: number
}

/** Presence changes of this instance's clients are sent to the other instances at most this often, together. */
const PRESENCE_RELAY_MS = 50
/** Bytes of presence per relayed message: a NOTIFY carries 8 kB, and base64 adds a third. */
const PRESENCE_MESSAGE_BYTES = 5_000

/** Where a presence change came from when another instance's client made it. */
class RemotePresence {
  constructor(readonly instance: string) {}
}

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/**
 * One loaded doc with its awareness and connections. An accepted update is handed to the
 * commit queue, and fanned out only once it is in the log. The doc is held as update
 * bytes (`DocState`); a checkpoint compacts them in the compaction process, writes the result,
 * and reads the plan's title from it for the server's plan list.
 */
export class Room {
  readonly awareness: Awareness
  readonly connections = new Set<Connection>()
  readonly kind: RoomAddress['kind']
  private readonly state: DocState
  private readonly metaWatch = new MetaWatch()
  private readonly planId: string | null
  private readonly guard: DiscussionGuard | WorkshopGuard | null
  /** Every update up to this seq is held here (a checkpoint at it misses none). */
  private lastSeq: number
  /** Seqs committed here past a gap: other instances' updates in between are not held yet. */
  private readonly ahead = new Set<number>()
  /** The read of other instances' updates in progress, if any, and how far it must go. */
  private reading: Promise<void> | null = null
  private wanted = 0
  /** Other instances' clients present here, by instance. */
  private readonly remoteClients = new Map<string, Set<number>>()
  /** This instance's clients whose presence changed since the last relay. */
  private readonly presenceChanged = new Set<number>()
  private presenceTimer: NodeJS.Timeout | null = null
  private checkpointSeq: number
  private checkpointTimer: NodeJS.Timeout | null = null
  private checkpointing: Promise<void> | null = null
  private touchedAt = 0
  /** The plan's meta as last read: from the last checkpoint, with the meta writes since. */
  private meta: Record<string, unknown>
  /** Meta writes read so far: a compaction's meta is taken only if none came in while it ran. */
  private metaWrites = 0
  /** Meta writes a checkpoint has settled: fewer than `metaWrites` makes a checkpoint due. */
  private metaSettled = 0

  constructor(
    readonly name: string,
    stored: StoredDoc,
    private readonly deps: RoomDeps,
  ) {
    const room = RoomName.parse(name)
    this.kind = room.kind
    this.planId = room.kind === 'plan' ? room.planId : null
    this.state = new DocState(stored.checkpoint)
    this.meta = stored.checkpoint?.meta ?? {}
    this.metaWatch.learn(stored.checkpoint?.metaItems ?? [])
    for (const bytes of stored.tail) {
      const update = parseUpdate(bytes)
      this.state.note(update)
      this.state.keep(bytes)
      Object.assign(this.meta, this.metaWatch.read(update))
    }
    const parts = [...(stored.checkpoint ? [stored.checkpoint.state] : []), ...stored.tail]
    this.guard = room.kind === 'discussion' ? new DiscussionGuard(parts) : room.kind === 'workshop' ? new WorkshopGuard(parts) : null
    this.lastSeq = stored.lastSeq
    this.checkpointSeq = stored.checkpointSeq
    // Awareness wants a doc for its own client id; this one stays empty.
    this.awareness = new Awareness(new Y.Doc())
    this.awareness.setLocalState(null)
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.onAwareness(change, origin))
    if (this.updatesSinceCheckpoint >= deps.checkpointEveryUpdates) this.scheduleCheckpoint()
  }

  get updatesSinceCheckpoint(): number {
    return this.lastSeq - this.checkpointSeq
  }

  stateVector(): Uint8Array {
    return this.state.stateVector()
  }

  /** The updates a client with `stateVector` lacks, in the order to send them. */
  missingFor(stateVector: Uint8Array): Uint8Array[] {
    return this.state.missingFor(stateVector)
  }

  /** Reads a large update in the compaction process, off the sync thread. */
  async readLarge(bytes: Uint8Array): Promise<ParsedUpdate> {
    return { bytes, ...(await this.deps.compactor.inspect(bytes)), structs: null }
  }

  /** Whether `update` changes anything; a duplicate or a reader's sync reply does not. */
  adds(update: ParsedUpdate): boolean {
    return this.state.adds(update)
  }

  /** Whether the room, with `update`, holds everything the update refers to. */
  complete(update: ParsedUpdate): boolean {
    return this.state.complete(update)
  }

  /**
   * Why `writer` may not make this update, or null. In a discussion, comments and verdicts
   * are their authors' and organizations' (`DiscussionGuard`); in a workshop, cards and votes
   * their invites' (`WorkshopGuard`); elsewhere the role decided.
   */
  authorize(update: ParsedUpdate, writer: Identity): string | null {
    return this.guard?.admit(update.bytes, writer) ?? null
  }

  /** The connection that announced awareness client `id`, or null. */
  awarenessOwner(id: number): Connection | null {
    for (const connection of this.connections) if (connection.awarenessClients.has(id)) return connection
    return null
  }

  /** Takes a new update: logged first, with its sender's token as author, then fanned out. */
  apply(update: ParsedUpdate, sender: Connection | null): void {
    this.state.note(update)
    const metaWritten = this.planId === null ? null : this.metaWatch.read(update)
    const author = sender?.access.identity.tokenId ?? null
    this.deps.commits.enqueue({ room: this.name, update: update.bytes, author, at: Date.now() }, (seq) => {
      this.held(seq)
      this.state.keep(update.bytes)
      this.broadcast(updateFrame(update.bytes), sender)
      this.afterCommit(metaWritten)
    })
  }

  /**
   * Brings in what other instances stored in this room after what it holds, up to `upTo`
   * (everything there is, by default), and forwards it to this instance's clients: stored
   * first, then shown, as everywhere. Updates a notice `carried` are taken as they are when
   * they continue what the room holds; otherwise the log is read. One read at a time, and
   * notices that arrive meanwhile are served by the next read, not one read each.
   */
  catchUp(upTo = Number.POSITIVE_INFINITY, carried: readonly StoredUpdate[] = []): Promise<void> {
    const feed = this.deps.feed
    if (!feed) return Promise.resolve()
    if (carried.length > 0 && (carried[0]?.seq ?? 0) <= this.lastSeq + 1) {
      for (const { seq, update } of carried) this.takeStoredAt(seq, update)
    }
    if (upTo <= this.lastSeq) return this.reading ?? Promise.resolve()
    this.wanted = Math.max(this.wanted, upTo)
    this.reading ??= (async () => {
      try {
        // Each pass serves every notice heard before it began; one heard during a pass makes another.
        for (let target = this.wanted; target > this.lastSeq; target = this.wanted) {
          this.wanted = 0
          const stored = await feed.readAfter(this.name, this.lastSeq)
          for (const { seq, update } of stored) this.takeStoredAt(seq, update)
          if (stored.length === 0 && this.wanted <= this.lastSeq) break
        }
      } catch (err) {
        this.deps.logger.error({ err, room: this.name }, 'reading other instances’ updates failed; the next notice or check retries')
      } finally {
        this.wanted = 0
        this.reading = null
      }
    })()
    return this.reading
  }

  /** One stored update at its place in the log: taken unless it is held already. */
  private takeStoredAt(seq: number, bytes: Uint8Array): void {
    const fresh = seq > this.lastSeq && !this.ahead.has(seq)
    this.held(seq)
    if (fresh) this.takeStored(bytes)
  }

  /** Another instance's clients' presence (checked there), shown to this instance's clients. */
  takePresence(instance: string, update: Uint8Array): void {
    try {
      applyAwarenessUpdate(this.awareness, update, new RemotePresence(instance))
    } catch (err) {
      this.deps.logger.warn({ err, room: this.name, instance }, 'an unreadable presence update from another instance was ignored')
    }
  }

  /** An instance died: its clients are no longer here, unless they have come back through this instance. */
  dropInstance(instance: string): void {
    const clients = [...(this.remoteClients.get(instance) ?? [])].filter((id) => this.awarenessOwner(id) === null)
    this.remoteClients.delete(instance)
    if (clients.length > 0) removeAwarenessStates(this.awareness, clients, new RemotePresence(instance))
  }

  /** Where this room's contiguous log ends: compared with the log's head by the periodic check. */
  get heldSeq(): number {
    return this.lastSeq
  }

  private takeStored(bytes: Uint8Array): void {
    const update = parseUpdate(bytes)
    if (!this.state.adds(update)) return
    this.state.note(update)
    this.state.keep(bytes)
    this.guard?.take(bytes)
    const metaWritten = this.planId === null ? null : this.metaWatch.read(update)
    this.broadcast(updateFrame(bytes), null)
    this.afterCommit(metaWritten)
  }

  /** `seq` is stored and held here; the contiguous end moves over it and whatever was waiting past it. */
  private held(seq: number): void {
    if (seq <= this.lastSeq) return
    this.ahead.add(seq)
    while (this.ahead.delete(this.lastSeq + 1)) this.lastSeq++
  }

  addConnection(connection: Connection): void {
    this.connections.add(connection)
  }

  removeConnection(connection: Connection): void {
    this.connections.delete(connection)
    removeAwarenessStates(this.awareness, [...connection.awarenessClients], null)
  }

  /**
   * Compacts and writes the merged state as the new checkpoint, if the log has grown since
   * the last one (`any`: unloading, closing), or if a round is still due once the checkpoint
   * in progress is done (`due`: scheduled; another instance may have written this round).
   */
  async checkpoint(when: 'any' | 'due' = 'any'): Promise<void> {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer)
    this.checkpointTimer = null
    // One at a time: each compaction replaces the updates it was given, and no others.
    while (this.checkpointing) await this.checkpointing
    if (this.lastSeq === this.checkpointSeq) return
    if (when === 'due' && this.updatesSinceCheckpoint < this.deps.checkpointEveryUpdates && this.metaSettled === this.metaWrites) return
    if (this.deps.commits.pendingFor(this.name) > 0) return this.scheduleCheckpoint()
    this.checkpointing = this.compact()
    try {
      await this.checkpointing
    } finally {
      this.checkpointing = null
    }
  }

  destroy(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer)
    if (this.presenceTimer) clearTimeout(this.presenceTimer)
    this.awareness.destroy()
    this.guard?.destroy()
  }

  private async compact(): Promise<void> {
    const seq = this.lastSeq
    const { parts, upTo } = this.state.parts()
    const metaWrites = this.metaWrites
    this.metaSettled = metaWrites
    const stop = this.deps.metrics.compactionSeconds.startTimer()
    const compaction = await this.deps.compactor.compact(parts)
    stop()
    this.state.compacted(compaction, upTo)
    this.metaWatch.learn(compaction.metaItems)
    if (this.metaWrites === metaWrites) this.meta = compaction.meta
    if (seq > this.checkpointSeq) {
      const { stored, wrote } = await this.deps.log.checkpoint(this.name, compaction, seq, this.checkpointSeq)
      if (wrote) this.deps.metrics.checkpointsWritten.inc()
      this.checkpointSeq = stored
    }
    this.saveSummary()
  }

  private afterCommit(metaWritten: Record<string, unknown> | null): void {
    if (metaWritten) {
      // The plan list shows the title: listed at once as read; the checkpoint that a meta
      // write asks for settles concurrent writes and anything the watch could not read.
      this.meta = { ...this.meta, ...metaWritten }
      this.metaWrites++
      this.saveSummary()
    }
    const since = this.updatesSinceCheckpoint
    const every = this.deps.checkpointEveryUpdates
    if (since >= OVERDUE_FACTOR * every && !this.checkpointing) this.scheduleCheckpoint(0)
    else if (metaWritten || since >= every) this.scheduleCheckpoint()
    this.touchSummary()
  }

  /** Keeps the server's plan list in step with the plan's title and deletion. */
  private saveSummary(): void {
    const { directory } = this.deps
    if (!directory || !this.planId || !('schema' in this.meta)) return
    const { title, deleted } = readMetaRecord(this.meta)
    this.touchedAt = Date.now()
    directory.savePlan({ id: this.planId, title, deleted, updatedAt: this.touchedAt }).catch((err: unknown) => {
      this.deps.logger.error({ err, room: this.name }, 'plan list update failed')
    })
  }

  private touchSummary(): void {
    const { directory } = this.deps
    const now = Date.now()
    if (!directory || !this.planId || now - this.touchedAt < SUMMARY_REFRESH_MS) return
    this.touchedAt = now
    directory.touchPlan(this.planId, now).catch((err: unknown) => {
      this.deps.logger.error({ err, room: this.name }, 'plan list update failed')
    })
  }

  private onAwareness({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    const sender = this.connections.has(origin as Connection) ? (origin as Connection) : null
    if (sender) {
      for (const id of added) sender.awarenessClients.add(id)
      for (const id of removed) sender.awarenessClients.delete(id)
    }
    const changed = [...added, ...updated, ...removed]
    this.broadcast(awarenessFrame(this.awareness, changed), null)
    if (origin instanceof RemotePresence) {
      const clients = this.remoteClients.get(origin.instance) ?? new Set<number>()
      for (const id of [...added, ...updated]) clients.add(id)
      for (const id of removed) clients.delete(id)
      this.remoteClients.set(origin.instance, clients)
    } else if (origin !== 'timeout') {
      // This instance's clients (or their leaving): relayed to the others, gathered for a moment.
      this.relayPresence(changed)
    }
  }

  private relayPresence(changed: number[]): void {
    const feed = this.deps.feed
    if (!feed) return
    for (const id of changed) this.presenceChanged.add(id)
    this.presenceTimer ??= setTimeout(() => {
      this.presenceTimer = null
      const ids = [...this.presenceChanged]
      this.presenceChanged.clear()
      const send = (part: number[]) => {
        const update = encodeAwarenessUpdate(this.awareness, part)
        if (update.byteLength <= PRESENCE_MESSAGE_BYTES || part.length === 1) return feed.publishPresence(this.name, update)
        send(part.slice(0, part.length >> 1))
        send(part.slice(part.length >> 1))
      }
      if (ids.length > 0) send(ids)
    }, PRESENCE_RELAY_MS)
  }

  private broadcast(frame: Uint8Array, except: Connection | null): void {
    let sent = 0
    for (const connection of this.connections) if (connection !== except && connection.deliver(frame)) sent++
    this.deps.metrics.messagesOut.inc(sent)
    this.deps.metrics.bytesOut.inc(sent * frame.byteLength)
  }

  private scheduleCheckpoint(delayMs = this.deps.checkpointDelayMs): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer)
    this.checkpointTimer = setTimeout(() => {
      this.checkpoint('due').catch((err: unknown) => this.deps.logger.error({ err, room: this.name }, 'checkpoint failed'))
    }, delayMs)
  }
}
