import { localOwnerToken } from '../server/auth/localOwner.js'
import { JointPlanServer } from '../server/index.js'

export interface HostedSessionOptions {
  dataDir: string
  /** The built renderer the server hands to browser participants. */
  staticDir: string
  /** Open to the room's network (0.0.0.0) so participants join from their browsers. */
  lan: boolean
  port?: number
}

export interface HostedSession {
  /** Where this window loads the app, with the local owner's token in the link. */
  appUrl: string
  /** The server's own address, for health checks and the invitation shown to participants. */
  origin: string
  /** The owner of every plan here, valid from this computer only: the person at the laptop. */
  localOwnerToken: string
  /** What the server listens on (for the invitation shown to participants). */
  wsUrl: string
  stop: () => Promise<void>
}

/**
 * The desktop app always runs the sync server in-process: on loopback for one person
 * working alone or offline, on the LAN when they host a workshop.
 */
export const startHostedSession = async ({ dataDir, staticDir, lan, port = 0 }: HostedSessionOptions): Promise<HostedSession> => {
  const server = await JointPlanServer.start({ dataDir, staticDir, host: lan ? '0.0.0.0' : '127.0.0.1', port })
  const token = await localOwnerToken(server.tokens, dataDir)
  const origin = `http://127.0.0.1:${server.port}`
  return {
    appUrl: `${origin}/#/?token=${token}`,
    origin,
    localOwnerToken: token,
    wsUrl: server.url,
    stop: () => server.close(),
  }
}
