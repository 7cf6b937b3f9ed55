import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import * as Y from 'yjs'
import { createPlan, addAction } from '../shared/index.js'
import { benchClient, whenSynced } from './client.js'
import type { WorkerClient, WorkerInput, WorkerMessage } from './fanoutWorker.js'
import { processStats } from './processes.js'
import { percentile } from './stats.js'

export interface FanoutWorkload {
  name: string
  rooms: string[]
  clientsPerRoom: number
  editIntervalMs: number
  durationMs: number
  /** Worker threads of the bench process, or processes of their own (so the server, not the generator, runs out first). */
  generator: { kind: 'threads' | 'processes'; count: number }
}

/** An edit that has not reached every other client of its room this long after it was made counts as not delivered. */
export const DELIVERY_LIMIT_MS = 5_000

export interface FanoutResult {
  /** Percentiles over the edits delivered to every other client within the limit. */
  p50: number
  p95: number
  p99: number
  /** Share of edits not delivered to every other client within `DELIVERY_LIMIT_MS`. */
  notDelivered: number
  generatorCpuSeconds: number
  /** The generator's CPU time per second of the run, per thread or process it ran in (1 = each kept a core busy). */
  generatorLoad: number
  wallSeconds: number
}

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
  const { kind, count } = load.generator
  const drainMs = DELIVERY_LIMIT_MS + 500
  const inputs: WorkerInput[] = Array.from({ length: count }, (_, w) => ({ url, clients: all.filter((_, i) => i % count === w), editIntervalMs: load.editIntervalMs, durationMs: load.durationMs, drainMs }))
  const file = new URL('./fanoutWorker.mjs', import.meta.url)
  const workers: (Worker | ChildProcess)[] = inputs.map((input) => {
    if (kind === 'threads') return new Worker(file, { workerData: input })
    const inputFile = join(mkdtempSync(join(tmpdir(), 'jointplan-fanout-')), 'input.json')
    writeFileSync(inputFile, JSON.stringify(input))
    return fork(file, [inputFile], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  })
  const next = (worker: Worker | ChildProcess): Promise<WorkerMessage> =>
    new Promise((resolve, reject) => {
      worker.once('message', (m: WorkerMessage) => resolve(m))
      worker.once('error', reject)
      worker.once('exit', (code: number | null) => reject(new Error(`a load generator exited (${code}) before it answered`)))
    })
  const cpuOf = (): number =>
    kind === 'threads'
      ? (process.cpuUsage().user + process.cpuUsage().system) / 1e6
      : workers.reduce((sum, w) => sum + processStats((w as ChildProcess).pid ?? 0).cpuSeconds, 0)
  await Promise.all(workers.map(next))
  const cpuBefore = cpuOf()
  const wallBefore = performance.now()
  const done = workers.map(next)
  workers.forEach((w) => (w instanceof Worker ? w.postMessage('go') : w.send('go')))
  const results = (await Promise.all(done)).filter((m): m is Extract<WorkerMessage, { type: 'done' }> => m.type === 'done')
  const generatorCpuSeconds = cpuOf() - cpuBefore
  const wallSeconds = (performance.now() - wallBefore) / 1000
  for (const worker of workers) {
    worker.removeAllListeners('exit')
    if (worker instanceof Worker) void worker.terminate()
    else worker.kill()
  }

  const sentAt = new Map(results.flatMap((r) => r.sent))
  const last = new Map<string, { last: number; count: number }>()
  for (const r of results) {
    for (const [id, at, count] of r.receipts) {
      const entry = last.get(id)
      last.set(id, entry ? { last: Math.max(entry.last, at), count: entry.count + count } : { last: at, count })
    }
  }
  // Every edit made is counted: delivered to all within the limit (its latency is kept), or not.
  const latencies: number[] = []
  for (const [id, t0] of sentAt) {
    const r = last.get(id)
    const ms = r ? (r.last - t0) / 1000 : Infinity
    if (r && r.count >= load.clientsPerRoom - 1 && ms <= DELIVERY_LIMIT_MS) latencies.push(ms)
  }
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    notDelivered: sentAt.size === 0 ? 1 : 1 - latencies.length / sentAt.size,
    generatorCpuSeconds,
    generatorLoad: generatorCpuSeconds / wallSeconds / count,
    wallSeconds,
  }
}
