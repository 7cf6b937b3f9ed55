import { Worker } from 'node:worker_threads'
import { z } from 'zod'
import { PendingReplies } from '../PendingReplies.js'

const Reply = z.union([z.object({ id: z.number(), seqs: z.array(z.number()) }), z.object({ id: z.number(), error: z.string() })])

/** Named parameters of one statement run. */
export type WriterRow = Record<string, string | number | Uint8Array | null>

/**
 * Writes to the SQLite file from a worker thread with its own connection, so that a
 * commit's wait for the disk does not stall the sync thread, and the sync thread never
 * waits for this connection's lock either: every write of live sync (the log, checkpoints,
 * the plan list) comes through here. Each call is one transaction, run in the order given.
 * If the worker dies, the writes it held fail (the commit queue keeps and retries its
 * batches) and the next write starts a new worker.
 */
export class LogWriter {
  private worker: Worker | null = null
  private readonly replies = new PendingReplies(Reply, () => this.worker?.unref())

  constructor(private readonly workerData: { file: string; synchronous: 'FULL' | 'NORMAL'; busyTimeoutMs: number; statements: Record<string, string> }) {}

  /** Runs `statement` once per row in one transaction; a statement that returns a row answers each row's `seq`. */
  async run(statement: string, rows: readonly WriterRow[]): Promise<number[]> {
    const { id, reply } = this.replies.open()
    const worker = this.start()
    // Held open while a batch is out, so that a shutdown waits for its last commit.
    worker.ref()
    worker.postMessage({ id, statement, rows })
    const answer = await reply
    if ('error' in answer) throw new Error(`log write failed: ${answer.error}`)
    return answer.seqs
  }

  /** Waits for the writes already given, then stops the worker. */
  async close(): Promise<void> {
    await this.replies.drain()
    const worker = this.worker
    this.worker = null
    if (worker) await worker.terminate()
    this.replies.failAll(new Error('the log writer was closed'))
  }

  private start(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(new URL('./writerWorker.mjs', import.meta.url), { workerData: this.workerData })
    worker.unref()
    worker.on('message', (message: unknown) => this.replies.receive(message))
    const died = (error: Error) => {
      if (this.worker !== worker) return
      this.worker = null
      this.replies.failAll(error)
    }
    worker.on('error', died)
    worker.on('exit', (code) => died(new Error(`the log writer stopped (${code})`)))
    this.worker = worker
    return worker
  }
}
