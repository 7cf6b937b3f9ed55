import type { z } from 'zod'

interface Waiting<R> {
  resolve: (reply: R) => void
  reject: (error: Error) => void
}

/**
 * Requests sent to a child process, matched to their replies by id.
 * Replies are parsed with `schema`; an unreadable one fails every request, since the
 * other side can no longer be trusted to answer the rest. `onIdle` runs whenever the
 * last request out is settled.
 */
export class PendingReplies<R extends { id: number }> {
  private nextId = 0
  private readonly waiting = new Map<number, Waiting<R>>()

  constructor(
    private readonly schema: z.ZodType<R>,
    private readonly onIdle: () => void,
  ) {}

  /** A new request: its id, to send, and its reply. */
  open(): { id: number; reply: Promise<R> } {
    const id = this.nextId++
    return { id, reply: new Promise<R>((resolve, reject) => this.waiting.set(id, { resolve, reject })) }
  }

  receive(message: unknown): void {
    const parsed = this.schema.safeParse(message)
    if (!parsed.success) return this.failAll(new Error('unreadable reply'))
    const waiting = this.waiting.get(parsed.data.id)
    if (!waiting) return
    this.waiting.delete(parsed.data.id)
    waiting.resolve(parsed.data)
    if (this.waiting.size === 0) this.onIdle()
  }

  failAll(error: Error): void {
    for (const waiting of this.waiting.values()) waiting.reject(error)
    this.waiting.clear()
    this.onIdle()
  }
}
