import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { mayWrite } from '../shared/access.js'
import { RoomName } from '../shared/rooms.js'
import { REFUSALS } from '../shared/refusals.js'
import { isLoopback } from './auth/loopback.js'
import { loadOrCreateSecret } from './auth/secretKey.js'
import { AuthError, TokenService } from './auth/TokenService.js'
import { CommitQueue } from './CommitQueue.js'
import { Compactor } from './Compactor.js'
import { ServerConfig, type ServerOptions } from './config.js'
import { Connection } from './Connection.js'
import { HistoryIndex } from './HistoryIndex.js'
import { handleHttp } from './httpRoutes.js'
import { createLogger, type Logger } from './logger.js'
import { Metrics } from './metrics.js'
import { CloseCode } from './protocol.js'
import { refuseUpgrade } from './refuseUpgrade.js'
import { RateBuckets } from './RateBuckets.js'
import { RoomLimitError, RoomRegistry } from './RoomRegistry.js'
import { SqliteUpdateLog } from './storage/SqliteUpdateLog.js'
import { UpgradeLimits } from './UpgradeLimits.js'
import type { PlanDirectory } from './storage/PlanDirectory.js'
import type { TokenStore } from './storage/TokenStore.js'
import type { UpdateFeed } from './storage/UpdateFeed.js'
import type { UpdateLog } from './storage/UpdateLog.js'
import type { HistoryLog } from './storage/HistoryLog.js'
import type { JoinCodeStore } from './storage/JoinCodeStore.js'
import { isStorageOutage, STORAGE_OUTAGE } from './storage/outage.js'
import type { RoundStore } from './storage/RoundStore.js'
import type { VersionStore } from './storage/VersionStore.js'

export interface ServerDeps {
  /** Storage; the SQLite log in `dataDir` when not given. */
  log?: UpdateLog
  /** The plan list; the SQLite log when storage is not given. */
  directory?: PlanDirectory
  /** Issued tokens; the SQLite log when storage is not given. */
  tokenStore?: TokenStore
  /** Adopted versions; the SQLite log when storage is not given. */
  versions?: VersionStore
  /** Workshop join codes; the SQLite log when storage is not given. */
  joinCodes?: JoinCodeStore
  /** Review rounds; the SQLite log when storage is not given. */
  rounds?: RoundStore
  /** The log the plan history is built from; the SQLite log when storage is not given. */
  historyLog?: HistoryLog
  /** Other instances' appends to the same log (a scaled-out deployment); none alone. */
  feed?: UpdateFeed
  /** The key that signs invites; every instance of a deployment is given the same one. Else the data folder's own. */
  tokenKey?: Uint8Array
  logger?: Logger
}

/** How long a refused request may keep sending before its socket is closed. */
const CLIENT_ERROR_GRACE_MS = 2_000

/** The path (decoded) and query of a request, or null when its percent-encoding is broken. */
const parseTarget = (url: string | undefined): { path: string; params: URLSearchParams } | null => {
  try {
    const parsed = new URL(url ?? '/', 'http://localhost')
    return { path: decodeURIComponent(parsed.pathname.slice(1)), params: parsed.searchParams }
  } catch {
    return null
  }
}

/** The sync server: HTTP and the websocket upgrade. Rooms, connections and storage live in their own classes. */
export class JointPlanServer {
  readonly metrics = new Metrics()
  private readonly http: HttpServer
  private readonly wss: WebSocketServer
  private readonly registry: RoomRegistry
  private readonly commits: CommitQueue
  private readonly compactor: Compactor
  private readonly connections = new Set<Connection>()
  private readonly startedAt = Date.now()
  private upgrading = 0
  private pingTimer: NodeJS.Timeout | null = null
  private recheckTimer: NodeJS.Timeout | null = null
  private readonly limits: UpgradeLimits

  private constructor(
    readonly config: ServerConfig,
    private readonly log: UpdateLog,
    feed: UpdateFeed | null,
    directory: PlanDirectory | null,
    records: { versions: VersionStore | null; rounds: RoundStore | null; joinCodes: JoinCodeStore | null },
    readonly tokens: TokenService,
    private readonly logger: Logger,
    private readonly history: HistoryIndex | null,
  ) {
    this.limits = new UpgradeLimits(config)
    this.compactor = new Compactor(config.jobIsolation)
    this.commits = new CommitQueue(log, config.storageRetryMs, this.metrics, logger)
    this.registry = new RoomRegistry({ log, feed, directory, commits: this.commits, compactor: this.compactor, logger, metrics: this.metrics, ...config })
    this.wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes, perMessageDeflate: false })
    const historyRate = new RateBuckets(config.historyPerSecond, config.historyBurst)
    // Guessing a join code: 2 tries a second per address.
    const joinRate = new RateBuckets(2, 10)
    this.http = createServer((req, res) => {
      const deps = {
        publicOrigin: () => (config.publicHost ? `http://${config.publicHost.includes(':') ? `[${config.publicHost}]` : config.publicHost}:${this.port}` : null),
        metrics: this.metrics,
        health: () => this.health(),
        directory,
        ...records,
        log,
        staticDir: config.staticDir,
        tokens,
        history: this.history,
        historyRate,
        joinRate,
        revoke: (id: string) => this.revoke(id),
        metricsAccess: config.metricsAccess,
        logger,
      }
      handleHttp(req, res, deps).catch((err: unknown) => {
        logger.error({ err }, 'http handler failed')
        this.metrics.httpErrors.inc({ status: '500' })
        if (!res.headersSent) res.writeHead(500).end()
        else res.destroy()
      })
    })
    this.http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.onUpgrade(req, socket, head))
    this.http.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => this.onClientError(error, socket))
  }

  static async start(options: ServerOptions, deps: ServerDeps = {}): Promise<JointPlanServer> {
    const config = ServerConfig.parse(options)
    const logger = deps.logger ?? createLogger()
    const sqlite = deps.log && deps.tokenStore ? null : new SqliteUpdateLog(config.dataDir, config.durability, logger)
    const log = deps.log ?? (sqlite as SqliteUpdateLog)
    const tokens = new TokenService(deps.tokenKey ?? loadOrCreateSecret(config.dataDir), deps.tokenStore ?? (sqlite as SqliteUpdateLog))
    await tokens.confirmKey().catch(async (error: unknown) => {
      await sqlite?.close()
      throw error
    })
    const directory = deps.directory ?? (deps.log ? null : sqlite)
    const embedded = deps.log ? null : sqlite
    const historyLog = deps.historyLog ?? embedded
    const history = historyLog ? new HistoryIndex(config.dataDir, historyLog, config.jobIsolation) : null
    const records = { versions: deps.versions ?? embedded, rounds: deps.rounds ?? embedded, joinCodes: deps.joinCodes ?? embedded }
    const server = new JointPlanServer(config, log, deps.feed ?? null, directory, records, tokens, logger, history)
    await server.registry.follow()
    await new Promise<void>((resolve, reject) => {
      server.http.once('error', reject)
      server.http.listen(config.port, config.host, () => resolve())
    })
    server.pingTimer = setInterval(() => server.connections.forEach((c) => c.ping()), config.pingIntervalMs)
    server.pingTimer.unref()
    server.recheckTimer = setInterval(() => {
      server.recheckTokens().catch((err: unknown) => logger.error({ err }, 'token recheck failed'))
    }, config.tokenRecheckMs)
    server.recheckTimer.unref()
    return server
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port
  }

  /** The websocket base URL clients connect to (room names go after it). */
  get url(): string {
    const host = this.config.host.includes(':') ? `[${this.config.host}]` : this.config.host
    return `ws://${host}:${this.port}`
  }

  health() {
    return {
      status: 'ok' as const,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      rooms: this.registry.size,
      connections: this.connections.size,
    }
  }

  /** Revokes a token and closes every socket that connected with it. */
  async revoke(tokenId: string): Promise<boolean> {
    const found = await this.tokens.revoke(tokenId)
    for (const connection of this.connections) {
      if (connection.access.identity.tokenId === tokenId) connection.close(CloseCode.revoked, REFUSALS.revoked)
    }
    return found
  }

  /** Stops accepting, closes every socket, writes what is pending, checkpoints, closes storage. */
  async close(): Promise<void> {
    if (this.pingTimer) clearInterval(this.pingTimer)
    if (this.recheckTimer) clearInterval(this.recheckTimer)
    const httpClosed = new Promise<void>((resolve) => this.http.close(() => resolve()))
    for (const connection of this.connections) connection.close(CloseCode.goingAway, 'server shutting down')
    this.http.closeAllConnections()
    try {
      await this.commits.drain()
      await this.registry.unloadAll()
    } finally {
      await this.compactor.close()
      await this.history?.close()
      await this.log.close()
    }
    await httpClosed
  }

  /** Answers every upgrade, whatever fails inside: a status and a reason, never an exception that ends the process. */
  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy())
    this.upgrade(req, socket, head).catch((err: unknown) => {
      if (isStorageOutage(err)) return this.refuse(socket, 503, STORAGE_OUTAGE, 'storage')
      this.logger.error({ err }, 'upgrade failed')
      this.refuse(socket, 500, 'the server could not open this room', 'error')
    })
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const loopback = isLoopback(req.socket.remoteAddress)
    const limited = this.limits.attempt(req.socket.remoteAddress ?? '', loopback)
    if (limited) return this.refuse(socket, limited.status, limited.reason, limited.label)
    const target = parseTarget(req.url)
    if (!target) return this.refuse(socket, 400, 'the address is not a valid URL', 'room')
    const parsed = RoomName.safeParse(target.path)
    if (!parsed.success) return this.refuse(socket, 400, parsed.error.issues[0]?.message ?? 'bad room name', 'room')
    if (this.connections.size + this.upgrading >= this.config.maxConnections) {
      return this.refuse(socket, 503, `the server holds its limit of ${this.config.maxConnections} connections`, 'connections')
    }
    const room = parsed.data
    this.upgrading++
    try {
      let identity
      try {
        identity = await this.tokens.verify(target.params.get('token'), room.planId, loopback)
      } catch (error) {
        if (error instanceof AuthError) return this.refuse(socket, error.status, error.message, 'auth')
        throw error
      }
      const refusal = this.limits.hold(identity.tokenId, room)
      if (refusal) return this.refuse(socket, refusal.status, refusal.reason, refusal.label)
      let loaded
      try {
        loaded = await this.registry.acquire(room.name)
      } catch (error) {
        this.limits.release(identity.tokenId, room)
        const limit = error instanceof RoomLimitError
        return this.refuse(socket, 503, isStorageOutage(error) ? STORAGE_OUTAGE : error instanceof Error ? error.message : 'room unavailable', limit ? 'rooms' : 'storage')
      }
      if (socket.destroyed) {
        this.limits.release(identity.tokenId, room)
        return this.registry.release(room.name)
      }
      const access = { identity, writable: mayWrite(identity.role, room.kind) }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        const connection = new Connection(ws, loaded, access, {
          metrics: this.metrics,
          logger: this.logger,
          config: this.config,
          onClose: (closed: Connection) => {
            this.connections.delete(closed)
            this.metrics.connections.set(this.connections.size)
            this.registry.release(room.name)
            this.limits.release(identity.tokenId, room)
            this.logger.info({ room: room.name, connections: this.connections.size }, 'disconnect')
          },
        })
        this.connections.add(connection)
        this.metrics.connections.set(this.connections.size)
        this.logger.info({ room: room.name, role: identity.role, token: identity.tokenId, connections: this.connections.size }, 'connect')
      })
    } finally {
      this.upgrading--
    }
  }

  /**
   * Closes the sockets whose token was revoked (by this process, the CLI or another
   * instance sharing the store) or has expired since they connected.
   */
  private async recheckTokens(): Promise<void> {
    const byToken = new Map<string, Connection[]>()
    for (const c of this.connections) {
      const list = byToken.get(c.access.identity.tokenId)
      if (list) list.push(c)
      else byToken.set(c.access.identity.tokenId, [c])
    }
    const now = Date.now()
    for (const [tokenId, connections] of byToken) {
      const expired = (connections[0]?.access.identity.expiresAt ?? Infinity) <= now
      const record = expired ? null : await this.tokens.record(tokenId)
      const reason = expired ? REFUSALS.expired : !record || record.revokedAt !== null ? REFUSALS.revoked : null
      if (reason) for (const c of connections) c.close(CloseCode.revoked, reason)
    }
  }

  /**
   * A request the HTTP parser rejects (a header over the limit, a malformed request line)
   * gets a status instead of a reset: the answer is written, the rest of the request is
   * read and dropped, and the socket is closed after a grace period.
   */
  private onClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400
    this.metrics.httpErrors.inc({ status: String(status) })
    this.logger.info({ status, code: error.code }, 'request refused by the HTTP parser')
    if (!socket.writable) return void socket.destroy()
    refuseUpgrade(socket, status, status === 431 ? 'request headers too large (a token belongs in the address, at most 16 KB)' : 'malformed request')
    socket.resume()
    setTimeout(() => socket.destroy(), CLIENT_ERROR_GRACE_MS).unref()
  }

  private refuse(socket: Duplex, status: number, reason: string, label: string): void {
    this.metrics.refused.inc({ reason: label })
    this.logger.info({ status, reason }, 'upgrade refused')
    refuseUpgrade(socket, status, reason)
  }
}
