import { randomBytes } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import type * as Y from 'yjs'
import { startPostgres, type PgCluster } from '../test/helpers/postgres.js'
import { benchClient, whenSynced } from './client.js'
import { startJointPlan, type ServerProcess } from './processes.js'
import { percentile } from './stats.js'

const root = fileURLToPath(new URL('..', import.meta.url))

export interface ScaleOutFigures {
  /** One instance on PostgreSQL: every client on it. */
  singleP99Ms: number
  /** Two instances on one database, clients split: receipts of writes made through the other instance. */
  crossP99Ms: number
  /** One instance at the sustained rate: what the rate costs without a second instance. */
  singleSustainedP99Ms: number
  /** The same at the sustained rate, across both instances. */
  sustainedCrossP99Ms: number
  /**
   * In that run, receipts of writes made through the client's own instance: when it is as
   * slow as across, the time goes to the load on the machine, not to the way between instances.
   */
  sustainedSameP99Ms: number
  sustainedRate: number
  /** Receipts missing at the end of a run (each write should reach every other client). */
  missing: number
}

interface Run {
  delays: number[]
  /** Receipts through the writer's own instance, when only those across are in `delays`. */
  sameInstance: number[]
  missing: number
}

const ROOM = 'plan/scale'

/** A deployment's token for the room, issued through the CLI against the database. */
const issueToken = (postgres: string, tokenKey: string): string => {
  const issued = spawnSync(process.execPath, ['dist/server/server/cli.js', 'token', '--data', mkdtempSync(join(tmpdir(), 'jointplan-bench-')), '--postgres', postgres, '--plan', 'scale', '--role', 'editor', '--name', 'Bench'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn', JOINTPLAN_TOKEN_KEY: tokenKey },
  })
  if (issued.status !== 0) throw new Error(`token: ${issued.stderr}`)
  return issued.stdout.trim().split('\n').at(-1) ?? ''
}

/**
 * `clients` split over `servers` (client i on server i mod n) write `rate` updates a second
 * in all for `durationMs`; each write is a key holding the time it was written, and every
 * other client records when it arrives. Only receipts across instances are kept when
 * `crossOnly`.
 */
const run = async (servers: ServerProcess[], token: string, clients: number, rate: number, durationMs: number, crossOnly: boolean): Promise<Run> => {
  const docs = Array.from({ length: clients }, (_, i) => ({ ...benchClient(servers[i % servers.length]!.url, ROOM, token), server: i % servers.length }))
  await Promise.all(docs.map((d) => whenSynced(d.provider)))
  const sent = new Map<string, { at: number; server: number }>()
  const delays: number[] = []
  const sameInstance: number[] = []
  let received = 0
  for (const d of docs) {
    const writes = d.doc.getMap<number>('writes')
    writes.observe((event: Y.YMapEvent<number>) => {
      if (event.transaction.local) return
      const now = performance.now()
      for (const key of event.keysChanged) {
        const origin = sent.get(key)
        if (!origin) continue
        received++
        if (!crossOnly || origin.server !== d.server) delays.push(now - origin.at)
        else sameInstance.push(now - origin.at)
      }
    })
  }
  const total = Math.round((rate * durationMs) / 1000)
  const started = performance.now()
  for (let n = 0; n < total; n++) {
    // Writes spread evenly over the run, each from the next client in turn.
    const due = started + (n * 1000) / rate
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    const writer = docs[n % docs.length]!
    const key = `w${n}`
    sent.set(key, { at: performance.now(), server: writer.server })
    writer.doc.getMap<number>('writes').set(key, n)
  }
  const expected = total * (clients - 1)
  const deadline = performance.now() + 10_000
  while (received < expected && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
  for (const d of docs) {
    d.provider.destroy()
    d.doc.destroy()
  }
  return { delays, sameInstance, missing: expected - received }
}

/** Two instances sharing PostgreSQL against one: the issue's figures for fan-out across instances. */
export const measureScaleOut = async (clients: number, rate: number, durationMs: number, sustainedRate: number, sustainedMs: number): Promise<ScaleOutFigures> => {
  const cluster: PgCluster = await startPostgres()
  try {
    const tokenKey = randomBytes(32).toString('base64')
    const single = await cluster.createDatabase('bench_single')
    const shared = await cluster.createDatabase('bench_shared')
    const dir = () => mkdtempSync(join(tmpdir(), 'jointplan-bench-'))

    const alone = await startJointPlan(dir(), null, 'normal', { postgres: single, tokenKey })
    const aloneToken = issueToken(single, tokenKey)
    const one = await run([alone], aloneToken, clients, rate, durationMs, false)
    const oneSustained = await run([alone], aloneToken, clients, sustainedRate, sustainedMs, false)
    await alone.stop()

    const pair = [await startJointPlan(dir(), null, 'normal', { postgres: shared, tokenKey }), await startJointPlan(dir(), null, 'normal', { postgres: shared, tokenKey })]
    const token = issueToken(shared, tokenKey)
    const two = await run(pair, token, clients, rate, durationMs, true)
    const sustained = await run(pair, token, clients, sustainedRate, sustainedMs, true)
    await Promise.all(pair.map((p) => p.stop()))
    return {
      singleP99Ms: percentile(one.delays, 99),
      crossP99Ms: percentile(two.delays, 99),
      singleSustainedP99Ms: percentile(oneSustained.delays, 99),
      sustainedCrossP99Ms: percentile(sustained.delays, 99),
      sustainedSameP99Ms: percentile(sustained.sameInstance, 99),
      sustainedRate,
      missing: one.missing + oneSustained.missing + two.missing + sustained.missing,
    }
  } finally {
    await cluster.stop()
  }
}
