import { afterEach } from 'vitest'
import type { JointPlanServer, ServerDeps, ServerOptions } from '../../server/index.js'
import type { Role } from '../../shared/index.js'
import { connectClient, startServer, tokenFor, type Client } from './server.js'

/**
 * One real server per test and the clients joined to it, all closed after each test.
 * `start` closes a running server first, so a test can restart on the same data folder.
 */
export const serverFixture = () => {
  let current: JointPlanServer | undefined
  const clients: Client[] = []

  const dropClients = (): void => {
    clients.splice(0).forEach((c) => c.destroy())
  }

  afterEach(async () => {
    dropClients()
    await current?.close()
    current = undefined
  })

  const server = (): JointPlanServer => {
    if (!current) throw new Error('no server started in this test')
    return current
  }

  return {
    server,
    dropClients,
    async start(options: Partial<ServerOptions> = {}, deps: ServerDeps = {}): Promise<JointPlanServer> {
      dropClients()
      await current?.close()
      current = await startServer(options, deps)
      return current
    },
    /** A client holding a fresh token of `role` for the room's plan. */
    async join(room = 'plan/p1', role: Role = 'editor', name = 'Test User', org = 'Test Org'): Promise<Client> {
      const client = connectClient(server().url, room, await tokenFor(server(), room, role, name, org))
      clients.push(client)
      return client
    },
  }
}
