import { HostEvent, type HostCommand, type HostedSessionInfo } from './hostProtocol.js'
import type { HostStatus } from './ipc.js'

/** The server's process as the main process sees it: Electron's utility process, or a Node fork in tests. */
export interface HostChild {
  postMessage(command: HostCommand): void
  onMessage(listener: (message: unknown) => void): void
  onExit(listener: (code: number | null) => void): void
  kill(): void
}

export interface HostPlace {
  dataDir: string
  /** The built renderer, served to participants' browsers. */
  staticDir: string
  /** The port used last time (0: any): the window's address, and so its stored data, stays the same across launches. */
  port: number
}

/**
 * The hosted server's lifecycle: started on this computer only when the app opens, restarted
 * on the room's network when the person hosts a workshop and back when they stop, on the same
 * port (the window's open rooms reconnect by themselves); stopped, every room written out
 * and checkpointed, when the app quits. One command at a time, in the order given.
 */
export class HostController {
  private child: HostChild | null = null
  private session: HostedSessionInfo | null = null
  private lan = false
  /** The port last served on: a restart, even after a crash, keeps the window's address. */
  private port: number | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private waiter: { want: HostEvent['type']; resolve: (event: HostEvent) => void; reject: (error: Error) => void } | null = null
  private readonly exitListeners = new Set<(lan: boolean) => void>()

  constructor(
    private readonly spawn: () => HostChild,
    private readonly place: HostPlace,
  ) {}

  /** The server now, or null while none runs. */
  get current(): HostedSessionInfo | null {
    return this.session
  }

  status(): HostStatus {
    return { hosting: this.session !== null && this.lan, lanOrigin: this.lan ? (this.session?.lanOrigin ?? null) : null }
  }

  /** Called, with whether it was open to the network, when the server's process died without being asked to stop. */
  onUnexpectedExit(listener: (lan: boolean) => void): void {
    this.exitListeners.add(listener)
  }

  /** Starts the server, or restarts it, on this computer only (`lan` false) or on the room's network. */
  start(lan: boolean): Promise<HostedSessionInfo> {
    return this.enqueue(async () => {
      const port = this.port ?? this.place.port
      const event = await this.ask({ type: 'start', dataDir: this.place.dataDir, staticDir: this.place.staticDir, lan, port }, 'started')
      if (event.type !== 'started') throw new Error('the server answered a start with something else')
      this.session = event.session
      this.lan = lan
      this.port = event.session.port
      return event.session
    })
  }

  /** Writes every room out, checkpoints it, frees the port and ends the server's process. */
  stop(): Promise<void> {
    return this.enqueue(async () => {
      const child = this.child
      if (!child) return
      await this.ask({ type: 'stop' }, 'stopped')
      this.session = null
      this.lan = false
      this.child = null
      child.kill()
    })
  }

  private enqueue<T>(step: () => Promise<T>): Promise<T> {
    const run = this.queue.then(step, step)
    this.queue = run.catch(() => undefined)
    return run
  }

  private ask(command: HostCommand, want: HostEvent['type']): Promise<HostEvent> {
    const child = this.childProcess()
    return new Promise((resolve, reject) => {
      this.waiter = { want, resolve, reject }
      child.postMessage(command)
    })
  }

  private childProcess(): HostChild {
    if (this.child) return this.child
    const child = this.spawn()
    child.onMessage((message) => {
      const event = HostEvent.safeParse(message)
      const waiter = this.waiter
      if (!waiter) return
      this.waiter = null
      if (!event.success) waiter.reject(new Error(`the server's process said something unreadable: ${event.error.message}`))
      else if (event.data.type === 'failed') waiter.reject(new Error(event.data.reason))
      else if (event.data.type !== waiter.want) waiter.reject(new Error(`the server's process answered ${event.data.type}, not ${waiter.want}`))
      else waiter.resolve(event.data)
    })
    child.onExit((code) => {
      if (this.child !== child) return
      const lan = this.lan
      this.child = null
      this.session = null
      this.lan = false
      this.waiter?.reject(new Error(`the server's process exited (${code})`))
      this.waiter = null
      for (const listener of this.exitListeners) listener(lan)
    })
    this.child = child
    return child
  }
}
