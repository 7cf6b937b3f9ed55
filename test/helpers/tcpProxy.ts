import { connect, createServer, type Server, type Socket } from 'node:net'

export interface TcpProxy {
  port: number
  close(): Promise<void>
}

/**
 * One address in front of several server instances, as a deployment's load balancer: each
 * connection goes to the next instance in turn, and to the one after when that one refuses
 * (a dead instance). No instance is needed for correctness; this only spreads clients.
 */
export const startTcpProxy = async (backendPorts: readonly number[]): Promise<TcpProxy> => {
  let next = 0
  const sockets = new Set<Socket>()
  const route = (client: Socket, tried: number) => {
    if (tried >= backendPorts.length) return client.destroy()
    const port = backendPorts[next++ % backendPorts.length] as number
    const backend = connect(port, '127.0.0.1')
    sockets.add(backend)
    backend.once('error', () => {
      sockets.delete(backend)
      if (!client.destroyed && backend.bytesRead === 0 && backend.bytesWritten === 0) route(client, tried + 1)
      else client.destroy()
    })
    backend.once('connect', () => {
      client.pipe(backend).pipe(client)
      client.resume()
      backend.once('close', () => client.destroy())
      client.once('close', () => backend.destroy())
    })
  }
  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client)
    client.once('close', () => sockets.delete(client))
    client.on('error', () => client.destroy())
    route(client, 0)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
