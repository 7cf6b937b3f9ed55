import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnSync } from 'node:child_process'
import { measureUi } from './browser.js'
import { measureCoordinator } from './coordinator.js'
import { measureWorkshop } from './workshop.js'
import { measureScaleOut, type ScaleOutFigures } from './scaleOut.js'
import { postgresMissing } from '../test/helpers/postgres.js'
import { FIRST_VIEW_JS_TARGET_KB, measureFirstLoad } from './firstLoad.js'
import { DELIVERY_LIMIT_MS, runFanout, type FanoutResult, type FanoutWorkload } from './fanout.js'
import { editEverySecond, fetchHistoryInLoops, seedLoggedPlan } from './historyLoad.js'
import { coldLoadMs, measureImportedPlan, measureLargePlan } from './largePlan.js'
import { buildServer, processStats, sampleTreeRss, startJointPlan, startReference, type ServerProcess } from './processes.js'
import { unshapedPlanUpdate } from './unshapedPlan.js'
import { median } from './stats.js'
import { issueTokens } from './tokens.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const quick = process.argv.includes('--quick')

/** Sizes: the full run is what the targets are read from; --quick proves the bench still works, in seconds. */
const SIZES = quick
  ? {
      repeats: 1,
      fanoutA: { clients: 6, intervalMs: 500, durationMs: 2_000 },
      fanoutB: { rooms: 3, clients: 3, intervalMs: 500, durationMs: 2_000 },
      heavy: { rooms: 4, clients: 5, intervalMs: 500, durationMs: 2_000, processes: 2, repeats: 1 },
      historyUpdates: 500,
      historyClients: 2,
      actions: 300,
      largeRooms: 2,
      uiRepeats: 1,
      coordinator: { plans: 2, actions: 100, exportActions: 300 },
      workshop: { participants: 10, postWindowMs: 2_000, projectorCards: 60, updates: 5 },
      scaleOut: { clients: 4, rate: 10, durationMs: 2_000, sustainedRate: 50, sustainedMs: 2_000 },
    }
  : {
      repeats: 4,
      fanoutA: { clients: 200, intervalMs: 20_000, durationMs: 30_000 },
      fanoutB: { rooms: 50, clients: 10, intervalMs: 5_000, durationMs: 30_000 },
      // The server's limit is 2,000 sockets; the seeding clients need a few of them.
      heavy: { rooms: 180, clients: 10, intervalMs: 2_000, durationMs: 20_000, processes: 4, repeats: 2 },
      historyUpdates: 20_000,
      historyClients: 10,
      actions: 5_000,
      largeRooms: 4,
      uiRepeats: 3,
      coordinator: { plans: 20, actions: 500, exportActions: 5_000 },
      workshop: { participants: 60, postWindowMs: 30_000, projectorCards: 300, updates: 30 },
      scaleOut: { clients: 20, rate: 10, durationMs: 30_000, sustainedRate: 500, sustainedMs: 10_000 },
    }

const threads = { kind: 'threads', count: 2 } as const
const workloads = (rep: number): FanoutWorkload[] => [
  { name: `1 room x ${SIZES.fanoutA.clients} clients`, rooms: [`plan/fa-${rep}`], clientsPerRoom: SIZES.fanoutA.clients, editIntervalMs: SIZES.fanoutA.intervalMs, durationMs: SIZES.fanoutA.durationMs, generator: threads },
  {
    name: `${SIZES.fanoutB.rooms} rooms x ${SIZES.fanoutB.clients} clients`,
    rooms: Array.from({ length: SIZES.fanoutB.rooms }, (_, i) => `plan/fb-${rep}-${i}`),
    clientsPerRoom: SIZES.fanoutB.clients,
    editIntervalMs: SIZES.fanoutB.intervalMs,
    durationMs: SIZES.fanoutB.durationMs,
    generator: threads,
  },
]
const heavyLoad = (rep: number): FanoutWorkload => ({
  name: `${SIZES.heavy.rooms} rooms x ${SIZES.heavy.clients} clients, an edit every ${SIZES.heavy.intervalMs / 1000} s each`,
  rooms: Array.from({ length: SIZES.heavy.rooms }, (_, i) => `plan/fh-${rep}-${i}`),
  clientsPerRoom: SIZES.heavy.clients,
  editIntervalMs: SIZES.heavy.intervalMs,
  durationMs: SIZES.heavy.durationMs,
  generator: { kind: 'processes', count: SIZES.heavy.processes },
})

/** Which side ran out first: the server's sync thread is one core; the generator's threads or processes one core each. */
const bottleneck = (serverLoad: number, generatorLoad: number): string =>
  serverLoad >= 0.85 ? 'server' : generatorLoad >= 0.85 ? 'load generator' : 'neither'

interface Row {
  figure: string
  jointplan: number
  reference: number | null
  unit: string
}

const fmt = (n: number | null): string => (n === null || Number.isNaN(n) ? 'n/a' : n >= 100 ? n.toFixed(0) : n.toFixed(1))

const MB = 1024 * 1024

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
  const heavyRooms = Array.from({ length: SIZES.heavy.repeats }, (_, rep) => heavyLoad(rep).rooms).flat()
  const rooms = [...Array.from({ length: SIZES.repeats }, (_, r) => workloads(r).flatMap((w) => w.rooms)).flat(), ...heavyRooms, ...largeRooms, 'plan/imported']
  const byRoom = await issueTokens(dataDir, rooms)

  const fullRooms = (rep: number) => Array.from({ length: SIZES.fanoutB.rooms }, (_, i) => `plan/ff-${rep}-${i}`)
  const fullDir = mkdtempSync(join(tmpdir(), 'jointplan-bench-full-'))
  const fullByRoom = await issueTokens(fullDir, Array.from({ length: SIZES.repeats }, (_, rep) => fullRooms(rep)).flat())
  // The same workload on a server whose history of a long-edited plan 10 clients fetch in a loop.
  const histRooms = (rep: number) => Array.from({ length: SIZES.fanoutB.rooms }, (_, i) => `plan/fx-${rep}-${i}`)
  const histDir = mkdtempSync(join(tmpdir(), 'jointplan-bench-history-'))
  const historyReaders = Array.from({ length: SIZES.historyClients }, (_, i) => `plan/history#${i}`)
  const histByRoom = await issueTokens(histDir, [...Array.from({ length: SIZES.repeats }, (_, rep) => histRooms(rep)).flat(), ...historyReaders])
  await seedLoggedPlan(histDir, 'plan/history', SIZES.historyUpdates)

  type Kind = 'jp' | 'ref' | 'full' | 'hist'
  const servers: Record<Kind, () => Promise<ServerProcess>> = {
    jp: () => startJointPlan(dataDir, null),
    ref: startReference,
    // synchronous=FULL, on the many-rooms workload only: what an fsync before every fan-out costs.
    full: () => startJointPlan(fullDir, null, 'full'),
    hist: () => startJointPlan(histDir, null),
  }
  const tokensFor = { jp: byRoom, ref: null, full: fullByRoom, hist: histByRoom }
  const roomsFor = (which: Kind, load: FanoutWorkload, rep: number): FanoutWorkload =>
    which === 'full' ? { ...load, rooms: fullRooms(rep) } : which === 'hist' ? { ...load, rooms: histRooms(rep) } : load
  const label: Record<Kind, string> = { jp: 'JointPlan', ref: 'reference', full: 'JointPlan --durability full', hist: 'JointPlan, history fetched' }

  interface Run extends FanoutResult {
    serverCpuSeconds: number
    serverLoad: number
    peakRss: number
  }
  /** One fan-out run on a freshly started server (JointPlan unloads rooms 30 s after their last client: that must not land in the next run). */
  const fanoutRun = async (which: Kind, load: FanoutWorkload): Promise<Run> => {
    const server = await servers[which]()
    let stopFetching: (() => Promise<number>) | null = null
    let stopEditing: (() => void) | null = null
    if (which === 'hist') {
      const origin = server.url.replace('ws://', 'http://')
      const reader = histByRoom.get(historyReaders[0]!) ?? ''
      // The index is built by the first request (a replay of the whole log, in the history process); the run measures the steady state.
      await fetch(`${origin}/api/plans/history/history`, { headers: { authorization: `Bearer ${reader}` } })
      stopEditing = await editEverySecond(server.url, 'history', reader)
      stopFetching = fetchHistoryInLoops(origin, 'history', historyReaders.map((r) => histByRoom.get(r) ?? ''))
    }
    const before = processStats(server.pid).cpuSeconds
    const stopSampling = sampleTreeRss(server.pid, 200)
    const result = await runFanout(server.url, tokensFor[which], load)
    const serverCpuSeconds = processStats(server.pid).cpuSeconds - before
    const { peak } = stopSampling()
    const served = (await stopFetching?.()) ?? null
    stopEditing?.()
    await server.stop()
    const serverLoad = serverCpuSeconds / result.wallSeconds
    console.error(
      `${load.name}, ${label[which]}: p99 ${fmt(result.p99)} ms, not delivered ${(result.notDelivered * 100).toFixed(2)}%, server ${(serverLoad * 100).toFixed(0)}% of a core, generator ${(result.generatorLoad * 100).toFixed(0)}% of each of ${load.generator.count}, bottleneck: ${bottleneck(serverLoad, result.generatorLoad)}${served === null ? '' : `, ${served} history pages served`}`,
    )
    return { ...result, serverCpuSeconds, serverLoad, peakRss: peak }
  }

  // The heaviest load first: a failure shows within minutes, not after the rest.
  const heavy: Record<'jp' | 'ref', Run[]> = { jp: [], ref: [] }
  for (let rep = 0; rep < SIZES.heavy.repeats; rep++) {
    for (const which of rep % 2 === 0 ? (['ref', 'jp'] as const) : (['jp', 'ref'] as const)) heavy[which].push(await fanoutRun(which, heavyLoad(rep)))
  }

  const fanout: { name: string; runs: Record<Kind, Run[]> }[] = []
  for (let rep = 0; rep < SIZES.repeats; rep++) {
    for (const [i, load] of workloads(rep).entries()) {
      fanout[i] ??= { name: load.name, runs: { jp: [], ref: [], full: [], hist: [] } }
      // Alternate which server goes first, so neither always meets a warmer machine.
      const order: Kind[] = rep % 2 === 0 ? ['ref', 'jp'] : ['jp', 'ref']
      if (i === 1) order.push(...(rep % 2 === 0 ? (['full', 'hist'] as const) : (['hist', 'full'] as const)))
      for (const which of order) fanout[i]!.runs[which].push(await fanoutRun(which, roomsFor(which, load, rep)))
    }
  }
  // A coordinator's large plan: a fresh server process each, so memory is measured from idle.
  let jointplan = await startJointPlan(dataDir, join(root, 'dist/renderer'))
  let reference = await startReference()
  const large = {
    jp: await measureLargePlan(jointplan, largeRooms.map((room) => ({ room, token: byRoom.get(room) ?? '' })), SIZES.actions, SIZES.repeats),
    ref: await measureLargePlan(reference, largeRooms.map((room) => ({ room, token: null })), SIZES.actions, SIZES.repeats),
  }
  await reference.stop()
  await jointplan.stop()
  jointplan = await startJointPlan(dataDir, join(root, 'dist/renderer'))
  const cold = await coldLoadMs(jointplan, 'plan/large', byRoom.get('plan/large') ?? '', SIZES.actions)
  const ui = await measureUi(jointplan.url.replace('ws://', 'http://'), 'large', byRoom.get('plan/large') ?? '', SIZES.uiRepeats)
  const firstLoad = await measureFirstLoad(jointplan.url.replace('ws://', 'http://'), join(root, 'dist/renderer'), SIZES.uiRepeats)
  await jointplan.stop()
  const { plans: coordPlans, actions: coordActions, exportActions } = SIZES.coordinator
  const coordinator = await measureCoordinator(join(root, 'dist/renderer'), coordPlans, coordActions, exportActions, SIZES.uiRepeats)
  const { participants, postWindowMs, projectorCards, updates } = SIZES.workshop
  const workshop = await measureWorkshop(join(root, 'dist/renderer'), participants, postWindowMs, projectorCards, updates)
  const { clients: scaleClients, rate, durationMs: scaleMs, sustainedRate, sustainedMs } = SIZES.scaleOut
  const noPostgres = postgresMissing()
  if (noPostgres) console.error(noPostgres)
  const scale: ScaleOutFigures | null = noPostgres ? null : await measureScaleOut(scaleClients, rate, scaleMs, sustainedRate, sustainedMs)

  // A plan the bench did not shape, on servers started as a person starts them.
  const imported = unshapedPlanUpdate(SIZES.actions)
  jointplan = await startJointPlan(dataDir, join(root, 'dist/renderer'))
  const importedJp = await measureImportedPlan(jointplan, 'plan/imported', byRoom.get('plan/imported') ?? '', imported, SIZES.actions, SIZES.repeats)
  await jointplan.stop()
  reference = await startReference()
  const importedRef = await measureImportedPlan(reference, 'plan/imported', null, imported, SIZES.actions, SIZES.repeats)
  await reference.stop()

  const rows: Row[] = []
  const all = (runs: Run[], pick: (r: Run) => number) => median(runs.map(pick))
  const fanoutRows = (name: string, jp: Run[], ref: Run[]) => {
    for (const p of ['p50', 'p95', 'p99'] as const) rows.push({ figure: `fan-out ${p}, ${name}`, jointplan: all(jp, (r) => r[p]), reference: all(ref, (r) => r[p]), unit: 'ms' })
    rows.push({ figure: `not delivered to all within ${DELIVERY_LIMIT_MS / 1000} s, ${name}`, jointplan: all(jp, (r) => r.notDelivered * 100), reference: all(ref, (r) => r.notDelivered * 100), unit: '%' })
    rows.push({ figure: `server CPU, share of one core, ${name}`, jointplan: all(jp, (r) => r.serverLoad * 100), reference: all(ref, (r) => r.serverLoad * 100), unit: '%' })
    rows.push({ figure: `load generator CPU, share of each core it ran on, ${name}`, jointplan: all(jp, (r) => r.generatorLoad * 100), reference: all(ref, (r) => r.generatorLoad * 100), unit: '%' })
    rows.push({ figure: `server peak RSS, all processes, ${name}`, jointplan: Math.max(...jp.map((r) => r.peakRss)) / MB, reference: Math.max(...ref.map((r) => r.peakRss)) / MB, unit: 'MB' })
  }
  for (const f of fanout) fanoutRows(f.name, f.runs.jp, f.runs.ref)
  fanoutRows(heavyLoad(0).name, heavy.jp, heavy.ref)
  const sum = (runs: Run[]) => runs.reduce((s, r) => s + r.serverCpuSeconds, 0)
  rows.push({ figure: 'server CPU, all fan-out runs', jointplan: sum([...fanout.flatMap((f) => f.runs.jp), ...heavy.jp]), reference: sum([...fanout.flatMap((f) => f.runs.ref), ...heavy.ref]), unit: 's' })
  rows.push({ figure: `initial sync, ${SIZES.actions}-action plan`, jointplan: large.jp.initialSyncMs, reference: large.ref.initialSyncMs, unit: 'ms' })
  rows.push({ figure: `initial sync, ${SIZES.actions}-action plan not shaped by the bench (${(imported.byteLength / MB).toFixed(1)} MB update)`, jointplan: importedJp.initialSyncMs, reference: importedRef.initialSyncMs, unit: 'ms' })
  rows.push({ figure: 'server RSS with that plan loaded, all processes, quiet', jointplan: importedJp.steadyRssMb, reference: importedRef.steadyRssMb, unit: 'MB' })
  rows.push({ figure: 'server RSS with that plan loaded, all processes, peak', jointplan: importedJp.peakRssMb, reference: importedRef.peakRssMb, unit: 'MB' })
  rows.push({ figure: `cold load from storage, ${SIZES.actions}-action plan`, jointplan: cold, reference: null, unit: 'ms' })
  rows.push({ figure: `server RSS per loaded ${SIZES.actions}-action doc`, jointplan: large.jp.rssPerDocMb, reference: large.ref.rssPerDocMb, unit: 'MB' })
  rows.push({ figure: 'board first paint (Chromium)', jointplan: ui.boardFirstPaintMs, reference: null, unit: 'ms' })
  rows.push({ figure: 'table filter keystroke (Chromium)', jointplan: ui.filterKeystrokeMs, reference: null, unit: 'ms' })
  rows.push({ figure: `first view JavaScript, gzipped (target under ${FIRST_VIEW_JS_TARGET_KB})`, jointplan: firstLoad.jsGzipKb, reference: null, unit: 'KB' })
  rows.push({ figure: 'first view styles with every font face, gzipped', jointplan: firstLoad.cssGzipKb, reference: null, unit: 'KB' })
  rows.push({ figure: 'first view over 1.6 Mbit/s and 150 ms, nothing cached (Chromium, 390 px)', jointplan: firstLoad.throttledMs, reference: null, unit: 'ms' })
  const across = `${coordPlans} plans of ${coordActions} actions`
  rows.push({ figure: `commitments across ${across}, first figures, nothing on the device yet (Chromium; target under 1000)`, jointplan: coordinator.commitmentsFirstMs, reference: null, unit: 'ms' })
  rows.push({ figure: `commitments across ${across}, first figures on reopening, plans on the device (target under 1000)`, jointplan: coordinator.commitmentsAgainMs, reference: null, unit: 'ms' })
  rows.push({ figure: `commitments across ${across}, a filter change (target under 100)`, jointplan: coordinator.commitmentsFilterMs, reference: null, unit: 'ms' })
  rows.push({ figure: `dashboard of a ${coordActions}-action plan, first figures (target under 1000)`, jointplan: coordinator.dashboardFirstMs, reference: null, unit: 'ms' })
  rows.push({ figure: `dashboard of a ${coordActions}-action plan, a filter change (target under 100)`, jointplan: coordinator.dashboardFilterMs, reference: null, unit: 'ms' })
  rows.push({ figure: `Excel export of a ${exportActions}-action plan, click to download (target under 3000)`, jointplan: coordinator.xlsxExportMs, reference: null, unit: 'ms' })
  rows.push({ figure: `workshop of ${participants} participants, card fan-out p99 (target under 100)`, jointplan: workshop.cardP99Ms, reference: null, unit: 'ms' })
  rows.push({ figure: `workshop of ${participants} participants, vote fan-out p99, votes in a burst (target under 100)`, jointplan: workshop.voteP99Ms, reference: null, unit: 'ms' })
  rows.push({ figure: `workshop votes counted at the end, of ${workshop.votesCast} cast (exact: equal)`, jointplan: workshop.votesCounted, reference: null, unit: 'votes' })
  rows.push({ figure: `projector with ${projectorCards} cards, a vote from arrival to shown, median (Chromium; target under 16)`, jointplan: workshop.projectorUpdateMedianMs, reference: null, unit: 'ms' })
  rows.push({ figure: `projector with ${projectorCards} cards, a vote from arrival to shown, p95`, jointplan: workshop.projectorUpdateP95Ms, reference: null, unit: 'ms' })
  rows.push({ figure: `projector with ${projectorCards} cards, a vote from arrival to the next frame, median`, jointplan: workshop.projectorFrameMedianMs, reference: null, unit: 'ms' })
  if (scale) {
    const load = `${scaleClients} clients, ${rate} updates/s`
    rows.push({ figure: `one instance on PostgreSQL, ${load}, fan-out p99`, jointplan: scale.singleP99Ms, reference: null, unit: 'ms' })
    rows.push({ figure: `two instances on PostgreSQL, ${load}, fan-out p99 across instances (target under one instance's + 20)`, jointplan: scale.crossP99Ms, reference: null, unit: 'ms' })
    rows.push({ figure: `one instance on PostgreSQL, ${scale.sustainedRate} updates/s sustained, fan-out p99`, jointplan: scale.singleSustainedP99Ms, reference: null, unit: 'ms' })
    rows.push({ figure: `two instances on PostgreSQL, ${scale.sustainedRate} updates/s sustained, fan-out p99 across instances`, jointplan: scale.sustainedCrossP99Ms, reference: null, unit: 'ms' })
    rows.push({ figure: `the same run, writes received through the writer's own instance, p99`, jointplan: scale.sustainedSameP99Ms, reference: null, unit: 'ms' })
    rows.push({ figure: 'scale-out writes not received by every other client at the end (exact: 0)', jointplan: scale.missing, reference: null, unit: 'receipts' })
  }

  // JointPlan against itself: what a setting or a concurrent load costs.
  const many = fanout[1]
  const self: { figure: string; base: number; variant: number; unit: string }[] = []
  if (many) {
    for (const p of ['p50', 'p99'] as const) {
      self.push({ figure: `fan-out ${p}, ${many.name}: --durability full / normal`, base: all(many.runs.jp, (r) => r[p]), variant: all(many.runs.full, (r) => r[p]), unit: 'ms' })
    }
    for (const p of ['p50', 'p99'] as const) {
      self.push({
        figure: `fan-out ${p}, ${many.name}: while ${SIZES.historyClients} invites fetch the history of a ${SIZES.historyUpdates}-update plan edited every second, in a loop / without`,
        base: all(many.runs.jp, (r) => r[p]),
        variant: all(many.runs.hist, (r) => r[p]),
        unit: 'ms',
      })
    }
  }

  const table = [
    '| figure | JointPlan | reference | ratio |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.figure} (${r.unit}) | ${fmt(r.jointplan)} | ${fmt(r.reference)} | ${r.reference ? (r.jointplan / r.reference).toFixed(2) : '—'} |`),
  ].join('\n')
  const selfTable = ['| figure | base | variant | ratio |', '| --- | ---: | ---: | ---: |', ...self.map((r) => `| ${r.figure} (${r.unit}) | ${fmt(r.base)} | ${fmt(r.variant)} | ${(r.variant / r.base).toFixed(2)} |`)].join('\n')
  const bottlenecks = [...fanout.map((f) => ({ name: f.name, runs: f.runs })), { name: heavyLoad(0).name, runs: { ...heavy, full: [], hist: [] } }]
    .map((f) => `- ${f.name}: ${(['jp', 'ref'] as const).map((k) => `${label[k]}: ${f.runs[k].map((r) => bottleneck(r.serverLoad, r.generatorLoad)).join(', ')}`).join('; ')}`)
    .join('\n')
  console.log(table)
  console.log(`\n${selfTable}`)
  console.log(`\nbottleneck of each run (server: its sync thread kept a core >= 85% busy; load generator: each of its threads or processes did):\n${bottlenecks}`)
  console.log(
    `\nreference: @y/websocket-server 0.1.1, memory only, no auth, any room name. JointPlan: every update authorized, validated and committed to SQLite (WAL, synchronous=NORMAL) before fan-out. Load clients announce no presence.\n${cpus().length} CPUs, ${quick ? 'quick' : 'full'} run in ${Math.round((Date.now() - started) / 1000)} s`,
  )
  const results = join(root, 'bench/results')
  mkdirSync(results, { recursive: true })
  const file = join(results, `${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`)
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), quick, cpus: cpus().length, node: process.version, sizes: SIZES, rows, self, bottlenecks }, null, 2))
  console.log(`written to ${file}`)
  // A lost or doubled vote is a wrong result, not a slow one: the run fails.
  if (workshop.votesCounted !== workshop.votesCast) {
    console.error(`the workshop counted ${workshop.votesCounted} votes of ${workshop.votesCast} cast`)
    process.exit(1)
  }
  if (scale && scale.missing > 0) {
    console.error(`${scale.missing} writes did not reach every client across instances`)
    process.exit(1)
  }
  process.exit(0)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
