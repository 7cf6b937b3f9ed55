import { readFileSync } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import * as Y from 'yjs'
import { planMaps, updateAction } from '../shared/index.js'
import { benchClient, whenSynced } from './client.js'

export interface WorkerClient {
  room: string
  token: string | null
  index: number
  actionId: string
}

export interface WorkerInput {
  url: string
  clients: WorkerClient[]
  editIntervalMs: number
  durationMs: number
  drainMs: number
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'done'; sent: [string, number][]; receipts: [string, number, number][] }

/**
 * A worker thread talks through its port; a process of its own (the heaviest run) reads its
 * input from the file named by its first argument and talks through IPC.
 */
const channel = parentPort
  ? { input: workerData as WorkerInput, post: (m: WorkerMessage) => parentPort?.postMessage(m), once: (cb: () => void) => parentPort?.once('message', cb) }
  : {
      input: JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as WorkerInput,
      post: (m: WorkerMessage) => process.send?.(m),
      once: (cb: () => void) => process.once('message', cb),
    }
const input = channel.input
// Each y-websocket provider in Node adds a process 'exit' listener; a thread holds hundreds.
process.setMaxListeners(0)
const nowMicros = (): number => Number(process.hrtime.bigint() / 1000n)

/** Per edit id: the last time any client of this thread applied it, and how many did. */
const receipts = new Map<string, { last: number; count: number }>()
const sent: [string, number][] = []

const clients = input.clients.map((spec) => {
  const client = benchClient(input.url, spec.room, spec.token)
  const actions = planMaps(client.doc).actions
  actions.observeDeep((events, transaction) => {
    if (transaction.local) return
    const at = nowMicros()
    for (const event of events) {
      if (!(event.target instanceof Y.Map) || !event.changes.keys.has('title')) continue
      const id = event.target.get('title')
      if (typeof id !== 'string' || !id.startsWith('e:')) continue
      const entry = receipts.get(id)
      if (entry) {
        entry.last = Math.max(entry.last, at)
        entry.count++
      } else receipts.set(id, { last: at, count: 1 })
    }
  })
  return { spec, ...client, seq: 0 }
})

await Promise.all(clients.map((c) => whenSynced(c.provider)))
channel.post({ type: 'ready' })

channel.once(() => {
  const end = Date.now() + input.durationMs
  for (const client of clients) {
    const edit = () => {
      if (Date.now() >= end) return
      const id = `e:${client.spec.index}:${client.seq++}`
      sent.push([id, nowMicros()])
      updateAction(client.doc, client.spec.actionId, { title: id })
      setTimeout(edit, input.editIntervalMs)
    }
    // A random phase per client, so that edits arrive at a steady rate, not in waves.
    setTimeout(edit, Math.random() * input.editIntervalMs)
  }
  setTimeout(() => {
    channel.post({ type: 'done', sent, receipts: [...receipts].map(([id, r]) => [id, r.last, r.count]) })
    // The parent ends this thread or process once it has the results: an exit of its own could overtake them.
    for (const c of clients) c.provider.destroy()
  }, input.durationMs + input.drainMs)
})
