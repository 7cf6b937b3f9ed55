import * as Y from 'yjs'
import { planMaps } from '../shared/index.js'
import { seedLargePlan } from '../test/helpers/seed.js'
import { benchClient, whenSynced } from './client.js'
import { quiet, sampleTreeRss, treeRss, type ServerProcess } from './processes.js'
import { median } from './stats.js'

const MB = 1024 * 1024
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Connects a new client and times until its doc holds every action. */
export const timeInitialSync = async (url: string, room: string, token: string | null, actions: number): Promise<number> => {
  const started = performance.now()
  const client = benchClient(url, room, token)
  const map = planMaps(client.doc).actions
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('initial sync timed out')), 60_000)
    const check = () => {
      if (map.size < actions) return
      clearTimeout(timer)
      client.doc.off('update', check)
      resolve()
    }
    client.doc.on('update', check)
    check()
  })
  const elapsed = performance.now() - started
  client.provider.destroy()
  return elapsed
}

/** Pushes a plan into a server, and waits until a second client reads it back. */
export const seedPlan = async (url: string, room: string, token: string | null, doc: Y.Doc, actions: number): Promise<void> => {
  const seeder = benchClient(url, room, token, doc)
  await whenSynced(seeder.provider)
  await timeInitialSync(url, room, token, actions)
  seeder.provider.destroy()
}

export interface LargePlanFigures {
  initialSyncMs: number
  /** The server's memory for the loaded doc: RSS with it loaded minus RSS idle. */
  rssPerDocMb: number
}

/**
 * Initial sync is timed in the first room; memory is the RSS added by loading the plan into
 * every room, divided by their number, since one doc's share is within the swing of
 * garbage collection.
 */
export const measureLargePlan = async (
  server: ServerProcess,
  rooms: readonly { room: string; token: string | null }[],
  actions: number,
  repeats: number,
): Promise<LargePlanFigures> => {
  const { doc } = seedLargePlan(actions)
  await settle(1_000)
  const idle = treeRss(server.pid)
  const syncs: number[] = []
  for (const [i, { room, token }] of rooms.entries()) {
    await seedPlan(server.url, room, token, doc, actions)
    if (i === 0) for (let r = 0; r < repeats; r++) syncs.push(await timeInitialSync(server.url, room, token, actions))
  }
  // Every process of the server counts, once its helpers are done (a checkpoint 2 s after the last change, then 1 s idle).
  await settle(2_500)
  await quiet(server.pid)
  await settle(500)
  const loaded = treeRss(server.pid)
  return { initialSyncMs: median(syncs), rssPerDocMb: (loaded - idle) / rooms.length / MB }
}

/** JointPlan's load of the plan from storage after a restart, from its own load-time histogram. */
export const coldLoadMs = async (server: ServerProcess, room: string, token: string, actions: number): Promise<number> => {
  await timeInitialSync(server.url, room, token, actions)
  const text = await (await fetch(`${server.url.replace('ws://', 'http://')}/metrics`)).text()
  const sum = Number(/^jointplan_room_load_seconds_sum (\S+)$/m.exec(text)?.[1])
  const count = Number(/^jointplan_room_load_seconds_count (\S+)$/m.exec(text)?.[1])
  return count > 0 ? (sum / count) * 1000 : Number.NaN
}

export interface ImportedPlanFigures {
  initialSyncMs: number
  /** All of the server's processes together, with the plan loaded, once the server is quiet. */
  steadyRssMb: number
  /** All of the server's processes together at their highest, from the upload to quiet. */
  peakRssMb: number
}


/**
 * A plan this bench did not shape (`unshapedPlanUpdate`), uploaded to a server started as
 * a person starts it: the time a new client takes to receive it, and the memory of the
 * whole server (every process it runs) while and after it is loaded.
 */
export const measureImportedPlan = async (server: ServerProcess, room: string, token: string | null, update: Uint8Array, actions: number, repeats: number): Promise<ImportedPlanFigures> => {
  const stop = sampleTreeRss(server.pid)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  await seedPlan(server.url, room, token, doc, actions)
  const syncs: number[] = []
  for (let r = 0; r < repeats; r++) syncs.push(await timeInitialSync(server.url, room, token, actions))
  // Quiet: a checkpoint is written 2 s after the last change, and its process exits 1 s later.
  await settle(2_500)
  await quiet(server.pid)
  await settle(500)
  const { peak, last } = stop()
  doc.destroy()
  return { initialSyncMs: median(syncs), steadyRssMb: last / MB, peakRssMb: peak / MB }
}
