import { randomBytes } from 'node:crypto'
import { describe, expect } from 'vitest'
import * as Y from 'yjs'
import { PostgresUpdateLog } from '../../server/storage/PostgresUpdateLog.js'
import { createPlan, planRoom, type FieldChange } from '../../shared/index.js'
import { must } from '../helpers/must.js'
import { runCli, spawnServer, type ChildServer } from '../helpers/childServer.js'
import { postgresFixture } from '../helpers/postgres.js'
import { connectClient, silentLogger, synced, tempDataDir, type Client } from '../helpers/server.js'
import { startTcpProxy } from '../helpers/tcpProxy.js'
import { waitFor } from '../helpers/wait.js'

// Instances as a deployment runs them: the compiled server in processes of their own, behind
// one address, sharing PostgreSQL; one is killed without warning while clients write.
const { run, database } = postgresFixture()

const portOf = (server: ChildServer) => Number(new URL(server.url.replace('ws://', 'http://')).port)
const seen = (client: Client) => client.doc.getArray<string>('writes').toArray()

describe('an instance killed under load', () => {
  run('loses nothing any client was shown; its clients come back through the other instance and everyone converges', async () => {
    const url = await database('failure')
    const env = { JOINTPLAN_TOKEN_KEY: randomBytes(32).toString('base64') }
    const a = await spawnServer(['--port', '0', '--data', tempDataDir(), '--postgres', url], env)
    const b = await spawnServer(['--port', '0', '--data', tempDataDir(), '--postgres', url], env)
    const proxy = await startTcpProxy([portOf(a), portOf(b)])
    const issued = runCli(['token', '--data', tempDataDir(), '--postgres', url, '--plan', 'p1', '--role', 'editor', '--name', 'Load'], env)
    expect(issued.status).toBe(0)
    const token = issued.stdout.trim().split('\n').at(-1) ?? ''
    // Every other client lands on A (the proxy alternates).
    const clients = Array.from({ length: 20 }, () => connectClient(`ws://127.0.0.1:${proxy.port}`, planRoom('p1'), token))
    // When each client heard of others' writes, and whether it lost its connection.
    const arrivals = clients.map(() => [] as number[])
    const dropped = clients.map(() => false)
    const resynced = clients.map(() => 0)
    for (const [i, client] of clients.entries()) {
      client.doc.getArray<string>('writes').observe((event) => void (event.transaction.local || arrivals[i]!.push(Date.now())))
      client.provider.on('status', ({ status }: { status: string }) => void (status === 'disconnected' && (dropped[i] = true)))
      client.provider.on('sync', (synced: boolean) => void (synced && dropped[i] && (resynced[i] ||= Date.now())))
    }
    // Someone connected to A alone, present in the room, who goes away with A.
    const onlyOnA = connectClient(a.url, planRoom('p1'), token)
    let timer: NodeJS.Timeout | null = null
    try {
      await Promise.all([...clients, onlyOnA].map((c) => synced(c, 10_000)))
      onlyOnA.provider.awareness.setLocalStateField('user', { name: 'Load', color: '#123456' })
      const present = (client: Client) => client.provider.awareness.getStates().has(onlyOnA.doc.clientID)
      await waitFor('everyone sees the person on A', () => clients.every(present), 2_000)
      // 10 writes a second across the clients, bounded.
      let written = 0
      timer = setInterval(() => {
        const client = clients[written % clients.length] as Client
        client.doc.getArray<string>('writes').push([`w${written++}`])
      }, 100)
      await waitFor('a second of writes', () => written >= 10, 5_000)
      a.process.kill('SIGKILL')
      const killedAt = Date.now()
      await a.exited
      onlyOnA.destroy()
      // The clients that were on A reconnect through the proxy, to B, and sync again.
      await waitFor('every client connected and synced again', () => clients.every((c) => c.provider.wsconnected && c.provider.synced), 5_000)
      const recovered = Date.now() - killedAt
      await waitFor('two more seconds of writes', () => written >= 30, 10_000)
      clearInterval(timer)
      timer = null
      const total = written
      await waitFor('every client has every write', () => clients.every((c) => seen(c).length === total), 10_000)
      const expected = JSON.stringify([...seen(clients[0]!)].sort())
      for (const client of clients) expect(JSON.stringify([...seen(client)].sort())).toBe(expected)
      // PostgreSQL holds every write any client saw.
      const reader = await PostgresUpdateLog.open(url, silentLogger)
      const doc = new Y.Doc()
      for (const { update } of await reader.readLog(planRoom('p1'))) Y.applyUpdate(doc, update)
      await reader.close()
      expect(JSON.stringify([...doc.getArray<string>('writes').toArray()].sort())).toBe(expected)
      expect(recovered).toBeLessThan(5_000)
      const backAfter = resynced.filter((_, i) => dropped[i]).map((at) => at - killedAt).sort((x, y) => x - y)
      expect(backAfter.length).toBeGreaterThan(0)
      expect(backAfter[Math.floor((backAfter.length - 1) / 2)]).toBeLessThan(1_000)
      // The clients that stayed on B never waited a second for the next write while A died.
      const survivors = clients.map((_, i) => i).filter((i) => !dropped[i])
      expect(survivors.length).toBeGreaterThan(0)
      for (const i of survivors) {
        const times = [killedAt, ...arrivals[i]!.filter((t) => t > killedAt && t < killedAt + 3_000)]
        const longest = Math.max(...times.slice(1).map((t, k) => t - times[k]!))
        expect(longest).toBeLessThan(1_000)
      }
      // The person who was on A only is gone from everyone's presence within 30 s of A's death.
      await waitFor('the dead instance’s presence is gone', () => clients.every((c) => !present(c)), Math.max(1, 30_000 - (Date.now() - killedAt)))
    } finally {
      if (timer) clearInterval(timer)
      clients.forEach((c) => c.destroy())
      onlyOnA.destroy()
      await proxy.close()
      b.process.kill('SIGTERM')
      await b.exited
    }
  })

  run('a rolling restart of both instances under load loses no update and leaves no client unsynced', async () => {
    const url = await database('rolling')
    const env = { JOINTPLAN_TOKEN_KEY: randomBytes(32).toString('base64') }
    const args = (port: number) => ['--port', String(port), '--data', tempDataDir(), '--postgres', url]
    let a = await spawnServer(args(0), env)
    let b = await spawnServer(args(0), env)
    const ports = [portOf(a), portOf(b)] as const
    const proxy = await startTcpProxy(ports)
    const issued = runCli(['token', '--postgres', url, '--plan', 'p1', '--role', 'editor', '--name', 'Load'], env)
    const token = issued.stdout.trim().split('\n').at(-1) ?? ''
    const clients = Array.from({ length: 10 }, () => connectClient(`ws://127.0.0.1:${proxy.port}`, planRoom('p1'), token))
    let written = 0
    const timer = setInterval(() => {
      const client = clients[written % clients.length] as Client
      client.doc.getArray<string>('writes').push([`w${written++}`])
    }, 100)
    try {
      await Promise.all(clients.map((c) => synced(c, 10_000)))
      // One instance at a time: stopped (it writes out what it holds), started again on its port.
      a.process.kill('SIGTERM')
      expect((await a.exited).code).toBe(0)
      a = await spawnServer(args(ports[0]), env)
      await waitFor('every client synced after the first restart', () => clients.every((c) => c.provider.wsconnected && c.provider.synced), 10_000)
      b.process.kill('SIGTERM')
      expect((await b.exited).code).toBe(0)
      b = await spawnServer(args(ports[1]), env)
      await waitFor('every client synced after the second restart', () => clients.every((c) => c.provider.wsconnected && c.provider.synced), 10_000)
      await waitFor('a second more of writes', () => written >= 60, 20_000)
      clearInterval(timer)
      const total = written
      await waitFor('every client has every write', () => clients.every((c) => seen(c).length === total), 10_000)
      const reader = await PostgresUpdateLog.open(url, silentLogger)
      const doc = new Y.Doc()
      for (const { update } of await reader.readLog(planRoom('p1'))) Y.applyUpdate(doc, update)
      await reader.close()
      expect(new Set(doc.getArray<string>('writes').toArray()).size).toBe(total)
      // The built history process of a restarted instance reads the shared log as well.
      must(createPlan((clients[0] as Client).doc, { title: 'After the restarts' }))
      const history = async () => {
        const res = await fetch(`http://127.0.0.1:${ports[1]}/api/plans/p1/history`, { headers: { authorization: `Bearer ${token}` } })
        return res.status === 200 ? ((await res.json()) as { changes: FieldChange[] }).changes : []
      }
      await waitFor('the plan’s title in the history, by its author', async () => (await history()).some((c) => c.field === 'title' && c.after === 'After the restarts' && c.author?.name === 'Load'))
    } finally {
      clearInterval(timer)
      clients.forEach((c) => c.destroy())
      await proxy.close()
      for (const server of [a, b]) {
        server.process.kill('SIGTERM')
        await server.exited
      }
    }
  })
})
