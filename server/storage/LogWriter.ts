import { Worker } from 'node:worker_threads'
import { z } from 'zod'

const Reply = z.union([z.object({ id: z.number(), seqs: z.array(z.number()) }), z.object({ id: z.number(), error: z.string() })])

export interface WriterRow {
  room: string
  at: number
  author: string | null
  bytes: Uint8Array
}

interface Waiting {
  resolve: (seqs: number[]) => void
  reject: (error: Error) => void
}

/**
 * Appends to the SQLite log from a worker thread with its own connection, so that a
 * commit's wait for the disk does not stall the sync thread. Batches are written in the
 * order they are given. If the worker dies, the batches it held fail (the commit queue
 * keeps and retries them) and the next batch starts a new one.
 */
export class LogWriter {
  private worker: Worker | null = null
  private nextId = 0
  private readonly waiting = new Map<number, Waiting>()

  constructor(private readonly workerData: { file: string; synchronous: 'FULL' | 'NORMAL'; busyTimeoutMs: number; appendQuery: string }) {}

  append(rows: readonly WriterRow[]): Promise<number[]> {
    const id = this.nextId++
    const result = new Promise<number[]>((resolve, reject) => this.waiting.set(id, { resolve, reject }))
    const worker = this.start()
    // Held open while a batch is out, so that a shutdown waits for its last commit.
    worker.ref()
    worker.postMessage({ id, entries: rows })
    return result
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = null
    if (worker) await worker.terminate()
    this.failAll(new Error('the log writer was closed'))
  }

  private start(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(new URL('./appendWorker.mjs', import.meta.url), { workerData: this.workerData })
    worker.unref()
    worker.on('message', (message: unknown) => this.receive(message))
    const died = (error: Error) => {
      if (this.worker !== worker) return
      this.worker = null
      this.failAll(error)
    }
    worker.on('error', died)
    worker.on('exit', (code) => died(new Error(`the log writer stopped (${code})`)))
    this.worker = worker
    return worker
  }

  private receive(message: unknown): void {
    const reply = Reply.safeParse(message)
    if (!reply.success) return this.failAll(new Error('the log writer sent an unreadable reply'))
    const waiting = this.waiting.get(reply.data.id)
    if (!waiting) return
    this.waiting.delete(reply.data.id)
    if ('error' in reply.data) waiting.reject(new Error(`log write failed: ${reply.data.error}`))
    else waiting.resolve(reply.data.seqs)
    if (this.waiting.size === 0) this.worker?.unref()
  }

  private failAll(error: Error): void {
    for (const waiting of this.waiting.values()) waiting.reject(error)
    this.waiting.clear()
  }
}
