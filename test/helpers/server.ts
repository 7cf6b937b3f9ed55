import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { WebSocket } from 'ws'
import { readAuthMessage } from 'y-protocols/auth'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { JointPlanServer, SqliteUpdateLog, type ServerDeps, type ServerOptions } from '../../server/index.js'
import { loadOrCreateSecret } from '../../server/auth/secretKey.js'
import { TokenService } from '../../server/auth/TokenService.js'
import { RoomName, type Role } from '../../shared/index.js'
import { waitFor } from './wait.js'

// Each y-websocket provider in Node adds a process 'exit' listener; tests open dozens at once.
process.setMaxListeners(500)

export const silentLogger = pino({ level: 'silent' })

export const tempDataDir = (): string => mkdtempSync(join(tmpdir(), 'jointplan-test-'))

/** A real server on an ephemeral loopback port with its own data folder. */
export const startServer = (options: Partial<ServerOptions> = {}, deps: ServerDeps = {}): Promise<JointPlanServer> =>
  JointPlanServer.start({ host: '127.0.0.1', port: 0, dataDir: tempDataDir(), ...options }, { logger: silentLogger, ...deps })

export interface Client {
  doc: Y.Doc
  provider: WebsocketProvider
  destroy: () => void
}

/** A stock y-websocket client in Node, holding `token`. BroadcastChannel is off so that clients in one process sync only through the server. */
export const connectClient = (serverUrl: string, room: string, token: string, doc = new Y.Doc()): Client => {
  const provider = new WebsocketProvider(serverUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
    params: { token },
  })
  return {
    doc,
    provider,
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
}

export const synced = (client: Client, timeoutMs = 5_000): Promise<void> =>
  waitFor('client sync', () => client.provider.synced, timeoutMs)

/** The doc's content as plain JSON, for comparing replicas. */
export const content = (doc: Y.Doc): unknown => ({
  meta: doc.getMap('meta').toJSON(),
  areas: doc.getMap('areas').toJSON(),
  actions: doc.getMap('actions').toJSON(),
  stakeholders: doc.getMap('stakeholders').toJSON(),
})

/** A signed token from `server` for the plan that owns `room`. */
export const tokenFor = async (server: JointPlanServer, room: string, role: Role = 'editor', name = 'Test User', org = 'Test Org'): Promise<string> =>
  (await server.tokens.issue({ plan: RoomName.parse(room).planId, role, name, org })).token

/** A token written into a data folder before a server process starts on it (what `npm run server -- token` does). */
export const tokenInDataDir = async (dataDir: string, room: string, role: Role = 'editor'): Promise<string> => {
  const store = new SqliteUpdateLog(dataDir, 'full')
  try {
    return (await new TokenService(loadOrCreateSecret(dataDir), store).issue({ plan: RoomName.parse(room).planId, role, name: 'Test User' })).token
  } finally {
    await store.close()
  }
}

/** Opens a raw websocket (no y-websocket client) to send hand-made frames. */
export const rawSocket = async (url: string): Promise<WebSocket> => {
  const socket = new WebSocket(url)
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  return socket
}

export const closeOf = (socket: WebSocket): Promise<{ code: number; reason: string }> =>
  new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })))

/** How the server answered an upgrade: 'open', or the HTTP status and body of a refusal. */
export const upgradeAnswer = (url: string): Promise<{ status: number; body: string } | 'open'> =>
  new Promise((resolve) => {
    const socket = new WebSocket(url)
    socket.once('open', () => {
      socket.close()
      resolve('open')
    })
    socket.once('unexpected-response', (_req, res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    socket.once('error', () => undefined)
  })

/** The reasons of every permission-denied answer this client gets from now on. */
export const deniedReasons = (client: Client): string[] => {
  const reasons: string[] = []
  client.provider.messageHandlers[2] = (_encoder, decoder) => {
    readAuthMessage(decoder, client.doc, (_doc, reason) => reasons.push(reason))
  }
  return reasons
}
