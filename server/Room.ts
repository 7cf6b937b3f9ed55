import { Awareness, removeAwarenessStates } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { CommitQueue } from './CommitQueue.js'
import type { Connection } from './Connection.js'
import type { Logger } from './logger.js'
import type { Metrics } from './metrics.js'
import { isRoomOrigin, STORAGE_ORIGIN } from './origin.js'
import { awarenessFrame, updateFrame } from './protocol.js'
import type { PlanDirectory } from './storage/PlanDirectory.js'
import type { StoredDoc, UpdateLog } from './storage/UpdateLog.js'
import { readMeta } from '../shared/read.js'
import { RoomName } from '../shared/rooms.js'

/** The plan list's updatedAt is refreshed at most this often; a title change is saved at once. */
const SUMMARY_REFRESH_MS = 60_000

export interface RoomDeps {
  commits: CommitQueue
  metrics: Metrics
  log: UpdateLog
  directory: PlanDirectory | null
  logger: Logger
  checkpointEveryUpdates: number
  checkpointDelayMs: number
}

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/**
 * One loaded doc with its awareness and connections. An accepted update is handed to the
 * commit queue, and fanned out only once it is in the log.
 */
export class Room extends Y.Doc {
  readonly awareness: Awareness
  readonly connections = new Set<Connection>()
  private lastSeq: number
  private checkpointSeq: number
  private checkpointTimer: NodeJS.Timeout | null = null
  private readonly planId: string | null
  readonly kind: 'plan' | 'discussion' | 'note'
  private savedSummary: { raw: unknown; deleted: unknown; at: number } = { raw: undefined, deleted: false, at: 0 }

  constructor(
    readonly name: string,
    stored: StoredDoc,
    private readonly deps: RoomDeps,
  ) {
    super({ gc: true })
    const room = RoomName.parse(name)
    this.kind = room.kind
    this.planId = room.kind === 'plan' ? room.planId : null
    if (stored.checkpoint) Y.applyUpdateV2(this, stored.checkpoint, STORAGE_ORIGIN)
    for (const update of stored.tail) Y.applyUpdate(this, update, STORAGE_ORIGIN)
    this.lastSeq = stored.lastSeq
    this.checkpointSeq = stored.checkpointSeq
    this.awareness = new Awareness(this)
    this.awareness.setLocalState(null)
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.onAwareness(change, origin))
    this.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin))
  }

  get updatesSinceCheckpoint(): number {
    return this.lastSeq - this.checkpointSeq
  }

  addConnection(connection: Connection): void {
    this.connections.add(connection)
  }

  removeConnection(connection: Connection): void {
    this.connections.delete(connection)
    removeAwarenessStates(this.awareness, [...connection.awarenessClients], null)
  }

  /** Writes the merged state as the new checkpoint, if the log has grown since the last one. */
  async checkpoint(): Promise<void> {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer)
    this.checkpointTimer = null
    if (this.lastSeq === this.checkpointSeq) return
    if (this.deps.commits.pendingFor(this.name) > 0) return this.scheduleCheckpoint()
    const seq = this.lastSeq
    await this.deps.log.checkpoint(this.name, Y.encodeStateAsUpdateV2(this), seq)
    this.checkpointSeq = Math.max(this.checkpointSeq, seq)
  }

  override destroy(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer)
    this.awareness.destroy()
    super.destroy()
  }

  private onUpdate(update: Uint8Array, origin: unknown): void {
    if (isRoomOrigin(origin) && origin.source === 'storage') return
    const sender = isRoomOrigin(origin) && origin.source === 'connection' ? origin.connection : null
    const author = sender?.access.identity.tokenId ?? null
    this.deps.commits.enqueue({ room: this.name, update, author, at: Date.now() }, (seq) => {
      this.lastSeq = seq
      this.broadcast(updateFrame(update), sender)
      if (this.updatesSinceCheckpoint >= this.deps.checkpointEveryUpdates) this.scheduleCheckpoint()
      this.saveSummary()
    })
  }

  /** Keeps the server's plan list in step with the plan's title and deletion. */
  private saveSummary(): void {
    const { directory } = this.deps
    const meta = this.getMap('meta')
    if (!directory || !this.planId || !meta.has('schema')) return
    const now = Date.now()
    const saved = this.savedSummary
    // Most commits touch actions, not the plan's title: compare the raw values before parsing.
    if (meta.get('title') === saved.raw && (meta.get('deleted') ?? false) === saved.deleted && now - saved.at < SUMMARY_REFRESH_MS) return
    const { title, deleted } = readMeta(this)
    this.savedSummary = { raw: meta.get('title'), deleted, at: now }
    directory.savePlan({ id: this.planId, title, deleted, updatedAt: now }).catch((err: unknown) => {
      this.deps.logger.error({ err, room: this.name }, 'plan list update failed')
    })
  }

  private onAwareness({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    const sender = isRoomOrigin(origin) && origin.source === 'connection' ? origin.connection : null
    if (sender) {
      for (const id of added) sender.awarenessClients.add(id)
      for (const id of removed) sender.awarenessClients.delete(id)
    }
    this.broadcast(awarenessFrame(this.awareness, [...added, ...updated, ...removed]), null)
  }

  private broadcast(frame: Uint8Array, except: Connection | null): void {
    let sent = 0
    for (const connection of this.connections) if (connection !== except && connection.deliver(frame)) sent++
    this.deps.metrics.messagesOut.inc(sent)
    this.deps.metrics.bytesOut.inc(sent * frame.byteLength)
  }

  private scheduleCheckpoint(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer)
    this.checkpointTimer = setTimeout(() => {
      this.checkpoint().catch((err: unknown) => this.deps.logger.error({ err, room: this.name }, 'checkpoint failed'))
    }, this.deps.checkpointDelayMs)
  }
}
