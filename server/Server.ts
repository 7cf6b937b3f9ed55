import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { mayWrite } from '../shared/access.js'
import { RoomName } from '../shared/rooms.js'
import { isLoopback } from './auth/loopback.js'
import { loadOrCreateSecret } from './auth/secretKey.js'
import { AuthError, TokenService } from './auth/TokenService.js'
import { CommitQueue } from './CommitQueue.js'
import { Compactor } from './Compactor.js'
import { ServerConfig, type ServerOptions } from './config.js'
import { Connection } from './Connection.js'
import { handleHttp } from './httpRoutes.js'
import { createLogger, type Logger } from './logger.js'
import { Metrics } from './metrics.js'
import { CloseCode } from './protocol.js'
import { refuseUpgrade } from './refuseUpgrade.js'
import { RoomLimitError, RoomRegistry } from './RoomRegistry.js'
import { SqliteUpdateLog } from './storage/SqliteUpdateLog.js'
import type { PlanDirectory } from './storage/PlanDirectory.js'
import type { TokenStore } from './storage/TokenStore.js'
import type { UpdateLog } from './storage/UpdateLog.js'

export interface ServerDeps {
  /** Storage; the SQLite log in `dataDir` when not given. */
  log?: UpdateLog
  /** The plan list; the SQLite log when storage is not given. */
  directory?: PlanDirectory
  /** Issued tokens; the SQLite log when storage is not given. */
  tokenStore?: TokenStore
  logger?: Logger
}


/** The sync server: HTTP and the websocket upgrade. Rooms, connections and storage live in their own classes. */
export class JointPlanServer {
  readonly metrics = new Metrics()
  private readonly http: HttpServer
  private readonly wss: WebSocketServer
  private readonly registry: RoomRegistry
  private readonly commits: CommitQueue
  private readonly compactor = new Compactor()
  private readonly connections = new Set<Connection>()
  private readonly startedAt = Date.now()
  private upgrading = 0
  private pingTimer: NodeJS.Timeout | null = null

  private constructor(
    readonly config: ServerConfig,
    private readonly log: UpdateLog,
    directory: PlanDirectory | null,
    readonly tokens: TokenService,
    private readonly logger: Logger,
  ) {
    this.commits = new CommitQueue(log, config.storageRetryMs, this.metrics, logger)
    this.registry = new RoomRegistry({ log, directory, commits: this.commits, compactor: this.compactor, logger, metrics: this.metrics, ...config })
    this.wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes, perMessageDeflate: false })
    this.http = createServer((req, res) => {
      const deps = {
        metrics: this.metrics,
        health: () => this.health(),
        directory,
        staticDir: config.staticDir,
        tokens,
        log,
        revoke: (id: string) => this.revoke(id),
      }
      handleHttp(req, res, deps).catch((err: unknown) => {
        logger.error({ err }, 'http handler failed')
        if (!res.headersSent) res.writeHead(500).end()
      })
    })
    this.http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => void this.upgrade(req, socket, head))
  }

  static async start(options: ServerOptions, deps: ServerDeps = {}): Promise<JointPlanServer> {
    const config = ServerConfig.parse(options)
    const logger = deps.logger ?? createLogger()
    const sqlite = deps.log && deps.tokenStore ? null : new SqliteUpdateLog(config.dataDir, config.durability, logger)
    const log = deps.log ?? (sqlite as SqliteUpdateLog)
    const tokens = new TokenService(loadOrCreateSecret(config.dataDir), deps.tokenStore ?? (sqlite as SqliteUpdateLog))
    const directory = deps.directory ?? (deps.log ? null : sqlite)
    const server = new JointPlanServer(config, log, directory, tokens, logger)
    await new Promise<void>((resolve, reject) => {
      server.http.once('error', reject)
      server.http.listen(config.port, config.host, () => resolve())
    })
    server.pingTimer = setInterval(() => server.connections.forEach((c) => c.ping()), config.pingIntervalMs)
    server.pingTimer.unref()
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
      if (connection.access.identity.tokenId === tokenId) connection.close(CloseCode.revoked, 'this invite has been revoked')
    }
    return found
  }

  /** Stops accepting, closes every socket, writes what is pending, checkpoints, closes storage. */
  async close(): Promise<void> {
    if (this.pingTimer) clearInterval(this.pingTimer)
    const httpClosed = new Promise<void>((resolve) => this.http.close(() => resolve()))
    for (const connection of this.connections) connection.close(CloseCode.goingAway, 'server shutting down')
    this.http.closeAllConnections()
    try {
      await this.commits.drain()
      await this.registry.unloadAll()
    } finally {
      await this.compactor.close()
      await this.log.close()
    }
    await httpClosed
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy())
    const url = new URL(req.url ?? '/', 'http://localhost')
    const parsed = RoomName.safeParse(decodeURIComponent(url.pathname.slice(1)))
    if (!parsed.success) return this.refuse(socket, 400, parsed.error.issues[0]?.message ?? 'bad room name', 'room')
    if (this.connections.size + this.upgrading >= this.config.maxConnections) {
      return this.refuse(socket, 503, `the server holds its limit of ${this.config.maxConnections} connections`, 'connections')
    }
    const name = parsed.data.name
    this.upgrading++
    try {
      let identity
      try {
        identity = await this.tokens.verify(url.searchParams.get('token'), parsed.data.planId, isLoopback(req.socket.remoteAddress))
      } catch (error) {
        if (error instanceof AuthError) return this.refuse(socket, error.status, error.message, 'auth')
        throw error
      }
      const access = { identity, writable: mayWrite(identity.role, parsed.data.kind) }
      const room = await this.registry.acquire(name)
      if (socket.destroyed) return this.registry.release(name)
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        const connection = new Connection(ws, room, access, {
          metrics: this.metrics,
          logger: this.logger,
          onClose: (closed: Connection) => {
            this.connections.delete(closed)
            this.metrics.connections.set(this.connections.size)
            this.registry.release(name)
            this.logger.info({ room: name, connections: this.connections.size }, 'disconnect')
          },
        })
        this.connections.add(connection)
        this.metrics.connections.set(this.connections.size)
        this.logger.info({ room: name, role: identity.role, token: identity.tokenId, connections: this.connections.size }, 'connect')
      })
    } catch (error) {
      const limit = error instanceof RoomLimitError
      this.refuse(socket, 503, error instanceof Error ? error.message : 'room unavailable', limit ? 'rooms' : 'storage')
    } finally {
      this.upgrading--
    }
  }

  private refuse(socket: Duplex, status: number, reason: string, label: string): void {
    this.metrics.refused.inc({ reason: label })
    this.logger.info({ status, reason }, 'upgrade refused')
    refuseUpgrade(socket, status, reason)
  }
}
