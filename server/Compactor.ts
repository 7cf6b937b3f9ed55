import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import type { ClientDeletes, ClockNeed, ClockRange } from './compaction/updateSummary.mjs'
import { PendingReplies } from './PendingReplies.js'
import type { Checkpoint } from './storage/UpdateLog.js'

const bytes = z.instanceof(Uint8Array)
const Compacted = z.object({
  id: z.number(),
  state: bytes,
  stateVector: bytes,
  deletes: bytes,
  meta: z.record(z.string(), z.unknown()),
  metaItems: z.array(z.tuple([z.number(), z.number(), z.string()])),
})
const Inspected = z.object({
  id: z.number(),
  ranges: z.array(z.tuple([z.number(), z.number(), z.number()])),
  deletes: z.array(z.tuple([z.number(), z.array(z.tuple([z.number(), z.number()]))])),
  needs: z.array(z.tuple([z.number(), z.number()])),
})
const Failed = z.object({ id: z.number(), error: z.string() })
const Reply = z.union([Failed, Compacted, Inspected])

/** The process could not decode what it was given (as opposed to the process failing). */
export class UnreadableUpdate extends Error {}

/** What a large update holds, read off the sync thread. */
export interface Inspection {
  ranges: ClockRange[]
  deletes: ClientDeletes[]
  needs: ClockNeed[]
}

const PROCESS_FILE = fileURLToPath(new URL('./compaction/process.mjs', import.meta.url))

/**
 * Decodes docs and large updates in a child process, one job at a time: merging a room's
 * updates into a checkpoint, and reading a large incoming update. The process starts on
 * first use and exits once idle for `idleMs`, giving back the tens of MB a large plan's
 * doc took. If it dies, the jobs it held fail (a room keeps its updates and compacts at
 * its next checkpoint; a large update's sender is disconnected and sends it again) and
 * the next job starts a new one.
 */
export class Compactor {
  private child: ChildProcess | null = null
  private idleTimer: NodeJS.Timeout | null = null
  private readonly replies = new PendingReplies(Reply, () => this.idle())

  constructor(private readonly idleMs = 1_000) {}

  async compact(parts: readonly Uint8Array[]): Promise<Checkpoint> {
    const reply = await this.run('compact', parts)
    if (!('state' in reply)) throw new Error('the compaction process answered a compaction with something else')
    return reply
  }

  async inspect(update: Uint8Array): Promise<Inspection> {
    const reply = await this.run('inspect', update)
    if (!('ranges' in reply)) throw new Error('the compaction process answered an inspection with something else')
    return reply
  }

  async close(): Promise<void> {
    this.replies.failAll(new Error('the compactor was closed'))
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.stop()
  }

  private async run(job: 'compact' | 'inspect', input: unknown): Promise<z.infer<typeof Reply>> {
    const { id, reply } = this.replies.open()
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    const child = this.start()
    // Held open while a job is out, so that a shutdown's last checkpoint is waited for.
    child.channel?.ref()
    child.send({ id, job, input })
    const answer = await reply
    if ('error' in answer) throw new UnreadableUpdate(`${job} failed: ${answer.error}`)
    return answer
  }

  private stop(): void {
    const child = this.child
    this.child = null
    child?.disconnect()
  }

  private start(): ChildProcess {
    if (this.child) return this.child
    const child = fork(PROCESS_FILE, [], { serialization: 'advanced', execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
    child.unref()
    child.channel?.unref()
    child.on('message', (message: unknown) => this.replies.receive(message))
    // Only a process that dies on its own fails the jobs; one stopped when idle held none.
    const died = (error: Error) => {
      if (this.child !== child) return
      this.child = null
      this.replies.failAll(error)
    }
    child.on('error', died)
    child.on('exit', (code) => died(new Error(`the compaction process exited (${code})`)))
    this.child = child
    return child
  }

  /** No job out: let the server exit without waiting for the process, and stop it soon. */
  private idle(): void {
    this.child?.channel?.unref()
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = setTimeout(() => this.stop(), this.idleMs)
    this.idleTimer.unref()
  }
}
