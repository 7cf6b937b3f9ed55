import { cpSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { addAction, createPlan, readPlan } from '../../shared/index.js'
import { SqliteUpdateLog, type JointPlanServer } from '../../server/index.js'
import { spawnServer, type ChildServer } from '../helpers/childServer.js'
import { connectClient, content, startServer, synced, tempDataDir, tokenFor, tokenInDataDir, type Client } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

const clients: Client[] = []
const servers: JointPlanServer[] = []
const children: ChildServer[] = []
const join = (url: string, token: string, room = 'plan/p1'): Client => {
  const client = connectClient(url, room, token)
  clients.push(client)
  return client
}

afterEach(async () => {
  clients.splice(0).forEach((c) => c.destroy())
  await Promise.all(servers.splice(0).map((s) => s.close()))
  children.splice(0).forEach((c) => c.process.kill('SIGKILL'))
})

const seedPlan = (client: Client): string[] => {
  const created = createPlan(client.doc, {})
  if (!created.ok) throw new Error('create failed')
  return created.value.areaIds
}

/** A server on a new data folder, with alice connected to a plan she has just created. */
const startWithPlan = async () => {
  const dataDir = tempDataDir()
  const token = await tokenInDataDir(dataDir, 'plan/p1')
  const server = await startServer({ dataDir })
  const alice = connectClient(server.url, 'plan/p1', token)
  await synced(alice)
  return { dataDir, token, server, alice, areas: seedPlan(alice) }
}

describe('nothing anyone was shown is lost', () => {
  it('a plan survives a clean restart of the server', async () => {
    const { dataDir, token, server: first, alice, areas } = await startWithPlan()
    for (let i = 0; i < 20; i++) addAction(alice.doc, { areaId: areas[i % 4]!, title: `Action ${i}` })
    const before = content(alice.doc)
    const watcher = connectClient(first.url, 'plan/p1', token)
    await synced(watcher)
    await waitFor('server holds the edits', () => readPlan(watcher.doc).actions.length === 20)
    watcher.destroy()
    alice.destroy()
    await first.close()

    const second = await startServer({ dataDir })
    servers.push(second)
    const bob = join(second.url, token)
    await synced(bob)
    expect(content(bob.doc)).toEqual(before)
  })

  it('what the server lost in a power cut, a client that holds it sends again when it reconnects', async () => {
    const { dataDir, token, server: first, alice, areas } = await startWithPlan()
    for (let i = 0; i < 3; i++) addAction(alice.doc, { areaId: areas[0]!, title: `Kept ${i}` })
    const watcher = connectClient(first.url, 'plan/p1', token)
    await waitFor('the server holds the first actions', () => readPlan(watcher.doc).actions.length === 3)
    watcher.destroy()
    alice.provider.destroy()
    await first.close()
    // The disk as a power cut may leave it: without what was committed after this copy.
    const beforeCut = tempDataDir()
    cpSync(dataDir, beforeCut, { recursive: true })

    const second = await startServer({ dataDir })
    const aliceBack = connectClient(second.url, 'plan/p1', token, alice.doc)
    await synced(aliceBack)
    for (let i = 0; i < 2; i++) addAction(alice.doc, { areaId: areas[1]!, title: `Lost ${i}` })
    const seen = connectClient(second.url, 'plan/p1', token)
    await waitFor('the server took the later actions', () => readPlan(seen.doc).actions.length === 5)
    seen.destroy()
    aliceBack.provider.destroy()
    await second.close()

    const third = await startServer({ dataDir: beforeCut })
    servers.push(third)
    const bob = join(third.url, token)
    await synced(bob)
    expect(readPlan(bob.doc).actions).toHaveLength(3)
    clients.push(connectClient(third.url, 'plan/p1', token, alice.doc))
    await waitFor('bob receives what alice sent again', () => readPlan(bob.doc).actions.length === 5)
    expect(content(bob.doc)).toEqual(content(alice.doc))
  })

  it('every update a client saw broadcast is still there after the server process is killed', async () => {
    const dataDir = tempDataDir()
    const token = await tokenInDataDir(dataDir, 'plan/p1')
    const first = await spawnServer(['--port', '0', '--data', dataDir])
    children.push(first)
    const writer = join(first.url, token)
    const watcher = join(first.url, token)
    await Promise.all([synced(writer), synced(watcher)])
    const areas = seedPlan(writer)
    // A burst of edits; the watcher only sees what the server broadcast, which is what was committed.
    for (let i = 0; i < 300; i++) addAction(writer.doc, { areaId: areas[i % 4]!, title: `Burst ${i}` })
    await waitFor('watcher sees part of the burst', () => readPlan(watcher.doc).actions.length >= 50)
    first.process.kill('SIGKILL')
    await first.exited
    const seen = readPlan(watcher.doc).actions.map((a) => a.title)
    watcher.destroy()
    writer.destroy()
    clients.splice(0)

    const second = await spawnServer(['--port', '0', '--data', dataDir])
    children.push(second)
    const reader = join(second.url, token)
    await synced(reader)
    const stored = new Set(readPlan(reader.doc).actions.map((a) => a.title))
    expect(seen.length).toBeGreaterThan(0)
    for (const title of seen) expect(stored.has(title), title).toBe(true)
  })

  it('SIGTERM writes everything pending and exits 0', async () => {
    const dataDir = tempDataDir()
    const token = await tokenInDataDir(dataDir, 'plan/p1')
    const first = await spawnServer(['--port', '0', '--data', dataDir])
    children.push(first)
    const writer = join(first.url, token)
    await synced(writer)
    const areas = seedPlan(writer)
    for (let i = 0; i < 40; i++) addAction(writer.doc, { areaId: areas[i % 4]!, title: `Item ${i}` })
    const watcher = join(first.url, token)
    await synced(watcher)
    await waitFor('server has all 40', () => readPlan(watcher.doc).actions.length === 40)
    first.process.kill('SIGTERM')
    expect(await first.exited).toEqual({ code: 0, signal: null })
    const log = new SqliteUpdateLog(dataDir, 'full')
    const stored = await log.load('plan/p1')
    await log.close()
    // The shutdown wrote a checkpoint of everything, so the next load reads no tail.
    expect(stored.checkpoint).not.toBeNull()
    expect(stored.tail).toHaveLength(0)
  })
})

describe('checkpoints and idle unload', () => {
  it('loads from a checkpoint and a short tail once the log has grown', async () => {
    const dataDir = tempDataDir()
    const server = await startServer({ dataDir, checkpointEveryUpdates: 25, checkpointDelayMs: 10 })
    const token = await tokenFor(server, 'plan/p1')
    servers.push(server)
    const alice = join(server.url, token)
    await synced(alice)
    const areas = seedPlan(alice)
    for (let i = 0; i < 60; i++) {
      addAction(alice.doc, { areaId: areas[i % 4]!, title: `A${i}` })
      await new Promise((r) => setTimeout(r, 2))
    }
    const reader = new SqliteUpdateLog(dataDir, 'normal')
    await waitFor('a checkpoint was written', async () => (await reader.load('plan/p1')).checkpointSeq >= 25)
    const stored = await reader.load('plan/p1')
    await reader.close()
    expect(stored.checkpointSeq).toBeGreaterThanOrEqual(25)
    expect(stored.tail.length).toBeLessThan(stored.lastSeq)
  })

  it('unloads a room nobody is in after the idle time, and loads it again with its data', async () => {
    const server = await startServer({ idleUnloadMs: 50 })
    const token = await tokenFor(server, 'plan/p1')
    servers.push(server)
    const alice = join(server.url, token)
    await synced(alice)
    seedPlan(alice)
    await waitFor('room loaded', () => server.health().rooms === 1)
    const before = content(alice.doc)
    alice.provider.disconnect()
    await waitFor('room unloaded', () => server.health().rooms === 0)
    const bob = join(server.url, token)
    await synced(bob)
    expect(content(bob.doc)).toEqual(before)
    expect(server.health().rooms).toBe(1)
  })
})
