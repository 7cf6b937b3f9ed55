import { startHostedSession, type HostedSession } from './hostedSession.js'
import { HostCommand, type HostEvent } from './hostProtocol.js'

// The server's own process. Electron starts it as a utility process (the window stays
// responsive while rooms are written out; a crash here is not the window's); tests fork it
// with Node. It runs one hosted session at a time, as the main process asks.

interface Parent {
  onMessage(listener: (message: unknown) => void): void
  send(event: HostEvent): void
}

const parent = (): Parent => {
  const port = (process as { parentPort?: { on(event: 'message', listener: (e: { data: unknown }) => void): void; postMessage(message: unknown): void } }).parentPort
  if (port) return { onMessage: (listener) => port.on('message', (e) => listener(e.data)), send: (event) => port.postMessage(event) }
  return {
    onMessage: (listener) => {
      process.on('message', listener)
      // Forked by Node (tests): the parent going away is a stop.
      process.on('disconnect', () => listener({ type: 'stop' }))
    },
    send: (event) => process.send?.(event),
  }
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** The port asked for, or any free one when something else took it since. */
const start = async (command: Extract<HostCommand, { type: 'start' }>): Promise<HostedSession> => {
  const options = { dataDir: command.dataDir, staticDir: command.staticDir, lan: command.lan, jobIsolation: 'thread' as const }
  try {
    return await startHostedSession({ ...options, port: command.port })
  } catch (error) {
    if (command.port === 0 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
    return startHostedSession({ ...options, port: 0 })
  }
}

const serve = (to: Parent): void => {
  let session: HostedSession | null = null
  // One command at a time, in order: a stop waits for the start before it.
  let queue = Promise.resolve()
  to.onMessage((message) => {
    const command = HostCommand.safeParse(message)
    if (!command.success) {
      to.send({ type: 'failed', reason: `not a command: ${command.error.message}` })
      return
    }
    queue = queue.then(async () => {
      try {
        if (command.data.type === 'start') {
          await session?.stop()
          session = await start(command.data)
          const { appUrl, origin, lanOrigin, localOwnerToken, wsUrl, port } = session
          to.send({ type: 'started', session: { appUrl, origin, lanOrigin, localOwnerToken, wsUrl, port } })
        } else {
          await session?.stop()
          session = null
          to.send({ type: 'stopped' })
        }
      } catch (error) {
        session = null
        to.send({ type: 'failed', reason: describe(error) })
      }
    })
  })
}

serve(parent())
