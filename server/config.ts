import { z } from 'zod'
import { JobIsolation } from './JobPeer.js'

/**
 * Every limit the server enforces, with its unit, in one place. The constructor takes a
 * partial configuration over these defaults.
 */
export const ServerConfig = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  /**
   * The address others on the network reach this server at (the desktop host's LAN
   * address), when it is not the one the host's own window uses: links and join codes
   * handed out are built from it.
   */
  publicHost: z.string().min(1).max(255).nullable().default(null),
  /** 0 picks a free port (tests). */
  port: z.number().int().min(0).max(65_535).default(4455),
  /** Folder for the SQLite file; created when missing. */
  dataDir: z.string().min(1),
  /** The built renderer to serve at `/`; null serves no UI. */
  staticDir: z.string().min(1).nullable().default(null),
  /** Largest websocket frame accepted, in bytes; a larger one closes that connection (1009). */
  maxMessageBytes: z.number().int().positive().default(16 * 1024 * 1024),
  maxConnections: z.number().int().positive().default(2_000),
  maxRooms: z.number().int().positive().default(1_000),
  /** A room with no connection for this long is written out and unloaded. */
  idleUnloadMs: z.number().int().nonnegative().default(30_000),
  /** Write a checkpoint once this many updates have been logged since the last one... */
  checkpointEveryUpdates: z.number().int().positive().default(200),
  /** ...after the room has been quiet for this long, so bursts cost one checkpoint. */
  checkpointDelayMs: z.number().int().nonnegative().default(2_000),
  /** A failed log write is retried after this long; nothing is broadcast until it succeeds. */
  storageRetryMs: z.number().int().positive().default(1_000),
  /** Sockets that do not answer a ping within this interval are closed. */
  pingIntervalMs: z.number().int().positive().default(30_000),
  /**
   * SQLite `synchronous`: `normal` commits to the WAL without waiting for the disk (a
   * process crash loses nothing; a power cut may lose the last moments, which every client
   * that saw them sends again on reconnect); `full` fsyncs every commit, stalling every
   * room for the disk's flush.
   */
  durability: z.enum(['full', 'normal']).default('normal'),
  /** Sockets of one invite; a room of participants may share one link, each with three rooms open. */
  maxConnectionsPerToken: z.number().int().positive().default(600),
  /** Distinct rooms one invite holds open at once. */
  maxRoomsPerToken: z.number().int().positive().default(100),
  /** Note rooms open at once in one plan (each action's description is one). */
  maxNoteRoomsPerPlan: z.number().int().positive().default(200),
  /** Websocket upgrades one address may attempt per second, on average... */
  upgradesPerAddressPerSecond: z.number().positive().default(20),
  /** ...and at once, after a quiet spell (a browser opens three rooms per view). */
  upgradeBurstPerAddress: z.number().int().positive().default(60),
  /** Whether the rate applies to this computer too (loopback is the host's own browser and tools). */
  rateLimitLoopback: z.boolean().default(false),
  /** Bytes queued for a socket that does not read; beyond it the socket is closed (1013, try again later). */
  maxBufferedBytes: z.number().int().positive().default(4 * 1024 * 1024),
  /** How often open sockets' tokens are checked again for revocation and expiry. */
  tokenRecheckMs: z.number().int().positive().default(2_000),
  /** Largest awareness message (presence) a socket may send, in bytes. */
  maxAwarenessBytes: z.number().int().positive().default(4_096),
  /** Awareness messages one socket may send per second, on average (a cursor moving sends many). */
  awarenessPerSecond: z.number().positive().default(30),
  /** History requests one invite may make per second, on average (the app asks once the plan has been quiet a moment)... */
  historyPerSecond: z.number().positive().default(2),
  /** ...and at once (a person opening the History, Review and detail views). */
  historyBurst: z.number().int().positive().default(6),
  /** With other instances sharing the log: how often held rooms compare their end with the log's head, in case a notice was lost. */
  feedCheckMs: z.number().int().positive().default(5_000),
  /** Where compaction and history jobs run: forked processes, or worker threads where the binary cannot be forked as Node (the desktop app). */
  jobIsolation: z.enum(JobIsolation).default('process'),
  /** Who may read `/metrics`: `loopback` (this computer, or an owner token) or `anyone`. */
  metricsAccess: z.enum(['loopback', 'anyone']).default('loopback'),
})
export type ServerConfig = z.output<typeof ServerConfig>
export type ServerOptions = z.input<typeof ServerConfig>
