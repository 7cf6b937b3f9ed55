import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnSync } from 'node:child_process'
import { measureUi } from './browser.js'
import { runFanout, type FanoutResult, type FanoutWorkload } from './fanout.js'
import { coldLoadMs, measureLargePlan } from './largePlan.js'
import { buildServer, processStats, startJointPlan, startReference, type ServerProcess } from './processes.js'
import { median } from './stats.js'
import { issueTokens } from './tokens.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const quick = process.argv.includes('--quick')

/** Sizes: the full run is what the targets are read from; --quick proves the bench still works, in seconds. */
const SIZES = quick
  ? { repeats: 1, fanoutA: { clients: 6, intervalMs: 500, durationMs: 2_000 }, fanoutB: { rooms: 3, clients: 3, intervalMs: 500, durationMs: 2_000 }, actions: 300, largeRooms: 2, uiRepeats: 1 }
  : { repeats: 5, fanoutA: { clients: 200, intervalMs: 20_000, durationMs: 30_000 }, fanoutB: { rooms: 50, clients: 10, intervalMs: 5_000, durationMs: 30_000 }, actions: 5_000, largeRooms: 4, uiRepeats: 3 }

const workloads = (rep: number): FanoutWorkload[] => [
  { name: `1 room x ${SIZES.fanoutA.clients} clients`, rooms: [`plan/fa-${rep}`], clientsPerRoom: SIZES.fanoutA.clients, editIntervalMs: SIZES.fanoutA.intervalMs, durationMs: SIZES.fanoutA.durationMs },
  {
    name: `${SIZES.fanoutB.rooms} rooms x ${SIZES.fanoutB.clients} clients`,
    rooms: Array.from({ length: SIZES.fanoutB.rooms }, (_, i) => `plan/fb-${rep}-${i}`),
    clientsPerRoom: SIZES.fanoutB.clients,
    editIntervalMs: SIZES.fanoutB.intervalMs,
    durationMs: SIZES.fanoutB.durationMs,
  },
]

interface Row {
  figure: string
  jointplan: number
  reference: number | null
  unit: string
}

const fmt = (n: number | null): string => (n === null || Number.isNaN(n) ? 'n/a' : n >= 100 ? n.toFixed(0) : n.toFixed(1))

const main = async () => {
  const started = Date.now()
  buildServer()
  if (!existsSync(join(root, 'dist/renderer/index.html'))) {
    const built = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
    if (built.status !== 0) throw new Error('vite build failed')
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'jointplan-bench-'))
  // The large plan's first room is the one loaded cold and opened in Chromium.
  const largeRooms = ['plan/large', ...Array.from({ length: SIZES.largeRooms - 1 }, (_, i) => `plan/large-${i + 2}`)]
  const rooms = [...Array.from({ length: SIZES.repeats }, (_, r) => workloads(r).flatMap((w) => w.rooms)).flat(), ...largeRooms]
  const byRoom = await issueTokens(dataDir, rooms)

  const fullRooms = (rep: number) => Array.from({ length: SIZES.fanoutB.rooms }, (_, i) => `plan/ff-${rep}-${i}`)
  const fullDir = mkdtempSync(join(tmpdir(), 'jointplan-bench-full-'))
  const fullIds = Array.from({ length: SIZES.repeats }, (_, rep) => fullRooms(rep)).flat()
  const fullByRoom = await issueTokens(fullDir, fullIds)
  const servers: Record<'jp' | 'ref' | 'full', () => Promise<ServerProcess>> = {
    jp: () => startJointPlan(dataDir, null),
    ref: startReference,
    // The same server with synchronous=FULL, on the many-rooms workload only: what an fsync
    // before every fan-out costs.
    full: () => startJointPlan(fullDir, null, 'full'),
  }
  const tokensFor = { jp: byRoom, ref: null, full: fullByRoom }
  const label = { jp: 'JointPlan', ref: 'reference', full: 'JointPlan --durability full' }

  const fanout: { name: string; jp: FanoutResult[]; ref: FanoutResult[]; full: FanoutResult[] }[] = []
  const serverCpu = { jp: 0, ref: 0, full: 0 }
  const peakRss = { jp: 0, ref: 0, full: 0 }
  for (let rep = 0; rep < SIZES.repeats; rep++) {
    for (const [i, load] of workloads(rep).entries()) {
      fanout[i] ??= { name: load.name, jp: [], ref: [], full: [] }
      // Alternate which server goes first, so neither always meets a warmer machine.
      const order: ('jp' | 'ref' | 'full')[] = rep % 2 === 0 ? ['ref', 'jp'] : ['jp', 'ref']
      if (i === 1) order.push('full')
      for (const which of order) {
        // A fresh process per run: JointPlan checkpoints and unloads a room 30 s after its
        // last client left, and that work must not land in whichever run comes next.
        const server = await servers[which]()
        const before = processStats(server.pid).cpuSeconds
        const result = await runFanout(server.url, tokensFor[which], which === 'full' ? { ...load, rooms: fullRooms(rep) } : load)
        const after = processStats(server.pid)
        await server.stop()
        serverCpu[which] += after.cpuSeconds - before
        peakRss[which] = Math.max(peakRss[which], after.peakRss)
        fanout[i]![which].push(result)
        console.error(`${load.name}, ${label[which]}: p99 ${fmt(result.p99)} ms, ${fmt(result.editsPerSecond)} edits/s, delivered ${(result.delivered * 100).toFixed(1)}%, generator CPU ${fmt(result.generatorCpuSeconds)} s`)
      }
    }
  }

  // A coordinator's large plan: a fresh server process each, so memory is measured from idle.
  let jointplan = await startJointPlan(dataDir, join(root, 'dist/renderer'))
  const reference = await startReference()
  const large = {
    jp: await measureLargePlan(jointplan, largeRooms.map((room) => ({ room, token: byRoom.get(room) ?? '' })), SIZES.actions, SIZES.repeats),
    ref: await measureLargePlan(reference, largeRooms.map((room) => ({ room, token: null })), SIZES.actions, SIZES.repeats),
  }
  await reference.stop()
  await jointplan.stop()
  jointplan = await startJointPlan(dataDir, join(root, 'dist/renderer'))
  const cold = await coldLoadMs(jointplan, 'plan/large', byRoom.get('plan/large') ?? '', SIZES.actions)
  const ui = await measureUi(jointplan.url.replace('ws://', 'http://'), 'large', byRoom.get('plan/large') ?? '', SIZES.uiRepeats)
  await jointplan.stop()

  const MB = 1024 * 1024
  const rows: Row[] = []
  for (const f of fanout) {
    for (const p of ['p50', 'p95', 'p99'] as const) {
      rows.push({ figure: `fan-out ${p}, ${f.name}`, jointplan: median(f.jp.map((r) => r[p])), reference: median(f.ref.map((r) => r[p])), unit: 'ms' })
    }
    rows.push({ figure: `edits/s, ${f.name}`, jointplan: median(f.jp.map((r) => r.editsPerSecond)), reference: median(f.ref.map((r) => r.editsPerSecond)), unit: '/s' })
    rows.push({ figure: `delivered to all, ${f.name}`, jointplan: median(f.jp.map((r) => r.delivered * 100)), reference: median(f.ref.map((r) => r.delivered * 100)), unit: '%' })
    rows.push({ figure: `load generator CPU, ${f.name}`, jointplan: median(f.jp.map((r) => r.generatorCpuSeconds)), reference: median(f.ref.map((r) => r.generatorCpuSeconds)), unit: 's' })
  }
  const many = fanout[1]
  if (many) {
    for (const p of ['p50', 'p95', 'p99'] as const) {
      rows.push({ figure: `fan-out ${p}, ${many.name}, --durability full`, jointplan: median(many.full.map((r) => r[p])), reference: median(many.ref.map((r) => r[p])), unit: 'ms' })
    }
  }
  rows.push({ figure: 'server CPU, all fan-out runs', jointplan: serverCpu.jp, reference: serverCpu.ref, unit: 's' })
  rows.push({ figure: 'server peak RSS, fan-out', jointplan: peakRss.jp / MB, reference: peakRss.ref / MB, unit: 'MB' })
  rows.push({ figure: `initial sync, ${SIZES.actions}-action plan`, jointplan: large.jp.initialSyncMs, reference: large.ref.initialSyncMs, unit: 'ms' })
  rows.push({ figure: `cold load from storage, ${SIZES.actions}-action plan`, jointplan: cold, reference: null, unit: 'ms' })
  rows.push({ figure: `server RSS per loaded ${SIZES.actions}-action doc`, jointplan: large.jp.rssPerDocMb, reference: large.ref.rssPerDocMb, unit: 'MB' })
  rows.push({ figure: 'board first paint (Chromium)', jointplan: ui.boardFirstPaintMs, reference: null, unit: 'ms' })
  rows.push({ figure: 'table filter keystroke (Chromium)', jointplan: ui.filterKeystrokeMs, reference: null, unit: 'ms' })

  const table = [
    '| figure | JointPlan | reference | ratio |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.figure} (${r.unit}) | ${fmt(r.jointplan)} | ${fmt(r.reference)} | ${r.reference ? (r.jointplan / r.reference).toFixed(2) : '—'} |`),
  ].join('\n')
  console.log(table)
  console.log(
    `\nreference: @y/websocket-server 0.1.1, memory only, no auth, any room name. JointPlan: every update authorized, validated and committed to SQLite (WAL, synchronous=NORMAL) before fan-out. Load clients announce no presence.\n${cpus().length} CPUs, ${quick ? 'quick' : 'full'} run in ${Math.round((Date.now() - started) / 1000)} s`,
  )
  const results = join(root, 'bench/results')
  mkdirSync(results, { recursive: true })
  const file = join(results, `${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`)
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), quick, cpus: cpus().length, node: process.version, sizes: SIZES, rows }, null, 2))
  console.log(`written to ${file}`)
  process.exit(0)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
