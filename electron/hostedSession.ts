import { networkInterfaces } from 'node:os'
import { localOwnerToken } from '../server/auth/localOwner.js'
import { JointPlanServer } from '../server/index.js'
import type { JobIsolation } from '../server/JobPeer.js'
import type { HostedSessionInfo } from './hostProtocol.js'
import { lanAddress } from './lanAddress.js'

export interface HostedSessionOptions {
  dataDir: string
  /** The built renderer the server hands to browser participants. */
  staticDir: string
  /** Open to the room's network so participants join from their browsers. */
  lan: boolean
  port?: number
  /** The packaged app cannot fork its binary as Node (RunAsNode fuse off): its server runs jobs in threads. */
  jobIsolation?: JobIsolation
  /** The laptop's interfaces (tests give their own). */
  interfaces?: typeof networkInterfaces
}

/** A running session: what the main process is told of it (`HostedSessionInfo`), and how to stop it. */
export type HostedSession = HostedSessionInfo & {
  /** Stops taking connections, writes every room out and checkpoints it, and frees the port. */
  stop: () => Promise<void>
}

/**
 * The desktop app always runs the sync server in-process: on loopback for one person
 * working alone or offline; on every interface when they host a workshop, announcing the
 * LAN address participants reach (so that links handed out are not 127.0.0.1).
 */
export const startHostedSession = async ({ dataDir, staticDir, lan, port = 0, jobIsolation = 'process', interfaces = networkInterfaces }: HostedSessionOptions): Promise<HostedSession> => {
  const publicHost = lan ? lanAddress(interfaces()) : null
  const server = await JointPlanServer.start({ dataDir, staticDir, host: lan ? '0.0.0.0' : '127.0.0.1', publicHost, port, jobIsolation })
  const token = await localOwnerToken(server.tokens, dataDir)
  const origin = `http://127.0.0.1:${server.port}`
  return {
    appUrl: `${origin}/#/?token=${token}`,
    origin,
    lanOrigin: publicHost ? `http://${publicHost}:${server.port}` : null,
    localOwnerToken: token,
    wsUrl: server.url,
    port: server.port,
    stop: () => server.close(),
  }
}
