import type { CommitQueue } from './CommitQueue.js'
import type { Compactor } from './Compactor.js'
import type { Logger } from './logger.js'
import type { Metrics } from './metrics.js'
import { Room } from './Room.js'
import type { PlanDirectory } from './storage/PlanDirectory.js'
import type { UpdateFeed } from './storage/UpdateFeed.js'
import type { UpdateLog } from './storage/UpdateLog.js'

export class RoomLimitError extends Error {}
export class RoomLoadError extends Error {}

interface Entry {
  loading: Promise<Room>
  /** Connections plus upgrades still waiting for the load. */
  holds: number
  idleTimer: NodeJS.Timeout | null
}

export interface RoomRegistryOptions {
  log: UpdateLog
  /** Other instances' appends, when this server is one of several sharing the log. */
  feed: UpdateFeed | null
  /** How often held rooms compare their end with the log's head, in case a notice was lost. */
  feedCheckMs: number
  directory: PlanDirectory | null
  commits: CommitQueue
  compactor: Compactor
  logger: Logger
  metrics: Metrics
  maxRooms: number
  idleUnloadMs: number
  checkpointEveryUpdates: number
  checkpointDelayMs: number
}

/**
 * The rooms in memory. A room is loaded on first acquire; a failed load is an error to
 * every waiting client and is not cached, because an empty doc kept after a failed read
 * would later be saved over the real data. A room nobody holds is checkpointed and
 * unloaded after an idle time.
 */
export class RoomRegistry {
  private readonly entries = new Map<string, Entry>()
  private checkTimer: NodeJS.Timeout | null = null

  constructor(private readonly options: RoomRegistryOptions) {}

  /**
   * Listens to the other instances: a notice brings the room's new updates here (if this
   * instance holds the room); a gap in listening, and a periodic comparison of heads, make
   * every held room read what it may have missed.
   */
  async follow(): Promise<void> {
    const { feed } = this.options
    if (!feed) return
    const held = (name: string) => this.entries.get(name)?.loading.catch(() => null) ?? Promise.resolve(null)
    const everyRoom = (act: (room: Room) => void) => {
      for (const entry of this.entries.values()) void entry.loading.then(act, () => undefined)
    }
    await feed.subscribe({
      heard: (notice) => void held(notice.room).then((room) => room?.catchUp(notice.seq, notice.updates)),
      resync: () => everyRoom((room) => void room.catchUp()),
      presence: (name, instance, update) => void held(name).then((room) => room?.takePresence(instance, update)),
      gone: (instance) => everyRoom((room) => room.dropInstance(instance)),
    })
    this.checkTimer = setInterval(() => void this.checkHeads(), this.options.feedCheckMs)
    this.checkTimer.unref()
  }

  private async checkHeads(): Promise<void> {
    const { feed, logger } = this.options
    if (!feed || this.entries.size === 0) return
    try {
      const heads = await feed.heads([...this.entries.keys()])
      for (const [name, seq] of heads) void this.entries.get(name)?.loading.then((room) => (seq > room.heldSeq ? room.catchUp(seq) : undefined), () => undefined)
    } catch (err) {
      logger.warn({ err }, 'comparing rooms with the log’s heads failed; tried again at the next check')
    }
  }

  get size(): number {
    return this.entries.size
  }

  async acquire(name: string): Promise<Room> {
    let entry = this.entries.get(name)
    if (!entry) {
      if (this.entries.size >= this.options.maxRooms) throw new RoomLimitError(`the server holds its limit of ${this.options.maxRooms} rooms`)
      entry = { loading: this.load(name), holds: 0, idleTimer: null }
      this.entries.set(name, entry)
    }
    entry.holds++
    if (entry.idleTimer) clearTimeout(entry.idleTimer)
    entry.idleTimer = null
    return entry.loading
  }

  release(name: string): void {
    const entry = this.entries.get(name)
    if (!entry) return
    entry.holds = Math.max(0, entry.holds - 1)
    if (entry.holds === 0) this.scheduleUnload(name, entry)
  }

  /** Checkpoints and unloads every room (shutdown). */
  async unloadAll(): Promise<void> {
    if (this.checkTimer) clearInterval(this.checkTimer)
    await Promise.all([...this.entries.keys()].map((name) => this.unload(name, true)))
  }

  private async load(name: string): Promise<Room> {
    const { log, feed, commits, compactor, logger, metrics } = this.options
    const stop = metrics.roomLoadSeconds.startTimer()
    try {
      const stored = await log.load(name)
      const room = new Room(name, stored, {
        commits,
        compactor,
        metrics,
        log,
        feed,
        directory: this.options.directory,
        logger,
        checkpointEveryUpdates: this.options.checkpointEveryUpdates,
        checkpointDelayMs: this.options.checkpointDelayMs,
      })
      metrics.rooms.set(this.entries.size)
      stop()
      logger.debug({ room: name, updates: stored.tail.length }, 'room loaded')
      // Another instance may have appended between the read and now, its notice unheard.
      void room.catchUp()
      return room
    } catch (err) {
      this.entries.delete(name)
      metrics.storageLoadFailures.inc()
      logger.error({ err, room: name }, 'room load failed')
      throw new RoomLoadError('this plan could not be loaded from storage; try again later')
    }
  }

  private scheduleUnload(name: string, entry: Entry): void {
    if (entry.idleTimer) clearTimeout(entry.idleTimer)
    entry.idleTimer = setTimeout(() => {
      this.unload(name, false).catch((err: unknown) => this.options.logger.error({ err, room: name }, 'unload failed'))
    }, this.options.idleUnloadMs)
  }

  private async unload(name: string, force: boolean): Promise<void> {
    const entry = this.entries.get(name)
    if (!entry || (!force && entry.holds > 0)) return
    if (entry.idleTimer) clearTimeout(entry.idleTimer)
    entry.idleTimer = null
    const room = await entry.loading.catch(() => null)
    if (!room) return
    if (!force && this.options.commits.pendingFor(name) > 0) return this.scheduleUnload(name, entry)
    await room.checkpoint()
    // Someone may have joined while the checkpoint was written.
    if (!force && entry.holds > 0) return
    this.entries.delete(name)
    room.destroy()
    this.options.metrics.rooms.set(this.entries.size)
    this.options.logger.debug({ room: name }, 'room unloaded')
  }
}
