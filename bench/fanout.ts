import { Worker } from 'node:worker_threads'
import * as Y from 'yjs'
import { createPlan, addAction } from '../shared/index.js'
import { benchClient, whenSynced } from './client.js'
import type { WorkerClient, WorkerInput, WorkerMessage } from './fanoutWorker.js'
import { percentile } from './stats.js'

export interface FanoutWorkload {
  name: string
  rooms: string[]
  clientsPerRoom: number
  editIntervalMs: number
  durationMs: number
}

export interface FanoutResult {
  p50: number
  p95: number
  p99: number
  editsPerSecond: number
  /** Share of edits that reached every other client in the room. */
  delivered: number
  generatorCpuSeconds: number
}

const WORKERS = 2

/**
 * Each room holds a plan with one action per client: concurrent writes to one field would
 * hide each other (the last writer wins), and an edit nobody sees change cannot be timed.
 */
const seedRoom = async (url: string, room: string, token: string | null, actions: number): Promise<string[]> => {
  const doc = new Y.Doc()
  const created = createPlan(doc, { title: `Bench ${room}` })
  if (!created.ok) throw new Error(created.error.message)
  const ids: string[] = []
  for (let i = 0; i < actions; i++) {
    const added = addAction(doc, { areaId: created.value.areaIds[i % 4]!, title: `Action ${i}` })
    if (added.ok) ids.push(added.value.id)
  }
  const seeder = benchClient(url, room, token, doc)
  await whenSynced(seeder.provider)
  // A second client proves the server holds the plan before the load starts.
  const check = benchClient(url, room, token)
  await whenSynced(check.provider)
  seeder.provider.destroy()
  check.provider.destroy()
  return ids
}

/**
 * Runs stock y-websocket clients spread over worker threads; every client edits an action
 * field at a steady rate. Fan-out latency of an edit: from the sender's edit until the last
 * other client in the room applied it, on one clock (process.hrtime) shared by the threads.
 */
export const runFanout = async (url: string, tokens: Map<string, string> | null, load: FanoutWorkload): Promise<FanoutResult> => {
  const actionsByRoom = new Map<string, string[]>()
  for (const room of load.rooms) actionsByRoom.set(room, await seedRoom(url, room, tokens?.get(room) ?? null, load.clientsPerRoom))
  const all: WorkerClient[] = []
  let index = 0
  for (const room of load.rooms) {
    const actions = actionsByRoom.get(room) ?? []
    for (let i = 0; i < load.clientsPerRoom; i++) all.push({ room, token: tokens?.get(room) ?? null, index: index++, actionId: actions[i % actions.length]! })
  }
  const workers = Array.from({ length: WORKERS }, (_, w) => {
    const input: WorkerInput = { url, clients: all.filter((_, i) => i % WORKERS === w), editIntervalMs: load.editIntervalMs, durationMs: load.durationMs, drainMs: 2_000 }
    return new Worker(new URL('./fanoutWorker.mjs', import.meta.url), { workerData: input })
  })
  const next = (worker: Worker): Promise<WorkerMessage> =>
    new Promise((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
  await Promise.all(workers.map(next))
  const cpuBefore = process.cpuUsage()
  const done = workers.map(next)
  workers.forEach((w) => w.postMessage('go'))
  const results = (await Promise.all(done)).filter((m): m is Extract<WorkerMessage, { type: 'done' }> => m.type === 'done')
  const cpu = process.cpuUsage(cpuBefore)

  const sentAt = new Map(results.flatMap((r) => r.sent))
  const last = new Map<string, { last: number; count: number }>()
  for (const r of results) {
    for (const [id, at, count] of r.receipts) {
      const entry = last.get(id)
      last.set(id, entry ? { last: Math.max(entry.last, at), count: entry.count + count } : { last: at, count })
    }
  }
  const latencies: number[] = []
  for (const [id, t0] of sentAt) {
    const r = last.get(id)
    if (r && r.count >= load.clientsPerRoom - 1) latencies.push((r.last - t0) / 1000)
  }
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    editsPerSecond: sentAt.size / (load.durationMs / 1000),
    delivered: sentAt.size === 0 ? 0 : latencies.length / sentAt.size,
    generatorCpuSeconds: (cpu.user + cpu.system) / 1e6,
  }
}
