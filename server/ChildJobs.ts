import type { z } from 'zod'
import { startJobPeer, type JobIsolation, type JobPeer } from './JobPeer.js'
import { PendingReplies } from './PendingReplies.js'

/** The process could not do what it was asked (as opposed to the process failing). */
export class JobFailed extends Error {}

export interface ChildJobsOptions<R> {
  /** The script to fork. */
  file: string
  /** Node flags for a forked child (a TypeScript child under development needs tsx's loader). */
  execArgv: string[]
  isolation: JobIsolation
  /** Every reply is parsed with this; `{ id, error }` is a failed job. */
  reply: z.ZodType<R>
  /** What a dying process is called in the error its jobs fail with. */
  name: string
  /** The process exits once idle this long, giving back its memory. */
  idleMs: number
}

/**
 * Jobs run in a child process (or thread), one started on first use and stopped once idle.
 * If it dies, the jobs it held fail and the next job starts a new one.
 */
export class ChildJobs<R extends { id: number }> {
  private child: JobPeer | null = null
  private idleTimer: NodeJS.Timeout | null = null
  private readonly replies: PendingReplies<R>

  constructor(private readonly options: ChildJobsOptions<R>) {
    this.replies = new PendingReplies(options.reply, () => this.idle())
  }

  async run(job: string, input: unknown): Promise<R> {
    const { id, reply } = this.replies.open()
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    const child = this.start()
    // Held open while a job is out, so that a shutdown's last checkpoint is waited for.
    child.ref()
    child.send({ id, job, input })
    const answer = await reply
    if ('error' in answer) throw new JobFailed(`${job} failed: ${String(answer.error)}`)
    return answer
  }

  async close(): Promise<void> {
    this.replies.failAll(new Error(`the ${this.options.name} was closed`))
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.stop()
  }

  private stop(): void {
    const child = this.child
    this.child = null
    child?.end()
  }

  private start(): JobPeer {
    if (this.child) return this.child
    const child = startJobPeer(this.options.isolation, this.options.file, this.options.execArgv)
    child.onMessage((message) => this.replies.receive(message))
    // Only a process that dies on its own fails the jobs; one stopped when idle held none.
    const died = (error: Error) => {
      if (this.child !== child) return
      this.child = null
      this.replies.failAll(error)
    }
    child.onDeath((error) => died(new Error(`the ${this.options.name} ${error.message}`)))
    this.child = child
    return child
  }

  /** No job out: let the server exit without waiting for the process, and stop it soon. */
  private idle(): void {
    this.child?.unref()
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = setTimeout(() => this.stop(), this.options.idleMs)
    this.idleTimer.unref()
  }
}
