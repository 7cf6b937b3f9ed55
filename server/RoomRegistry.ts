import type { CommitQueue } from './CommitQueue.js'
import type { Compactor } from './Compactor.js'
import type { Logger } from './logger.js'
import type { Metrics } from './metrics.js'
import { Room } from './Room.js'
import type { PlanDirectory } from './storage/PlanDirectory.js'
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

  constructor(private readonly options: RoomRegistryOptions) {}

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
    await Promise.all([...this.entries.keys()].map((name) => this.unload(name, true)))
  }

  private async load(name: string): Promise<Room> {
    const { log, commits, compactor, logger, metrics } = this.options
    const stop = metrics.roomLoadSeconds.startTimer()
    try {
      const stored = await log.load(name)
      const room = new Room(name, stored, {
        commits,
        compactor,
        metrics,
        log,
        directory: this.options.directory,
        logger,
        checkpointEveryUpdates: this.options.checkpointEveryUpdates,
        checkpointDelayMs: this.options.checkpointDelayMs,
      })
      metrics.rooms.set(this.entries.size)
      stop()
      logger.debug({ room: name, updates: stored.tail.length }, 'room loaded')
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
