import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, expect } from 'vitest'
import * as Y from 'yjs'
import type { JointPlanServer } from '../../server/index.js'
import { PostgresUpdateLog } from '../../server/storage/PostgresUpdateLog.js'
import { actionStamp, addAction, createPlan, discussionRoom, planRoom, readPlan, Round, setVerdict, updateAction, type FieldChange } from '../../shared/index.js'
import { must } from '../helpers/must.js'
import { postgresFixture } from '../helpers/postgres.js'
import { connectClient, silentLogger, startServer, synced, tokenFor, upgradeAnswer, type Client } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

// Several server instances sharing one PostgreSQL log: what a client writes through one
// reaches the clients of the others, stored first.
const { run, database, cluster } = postgresFixture()

/** Instances on one database, given the same token key, as a deployment configures them. */
const instances = async (count: number, options: Parameters<typeof startServer>[0] = {}) => {
  const url = await database('scale')
  const tokenKey = new Uint8Array(randomBytes(32))
  const servers: JointPlanServer[] = []
  for (let i = 0; i < count; i++) {
    const log = await PostgresUpdateLog.open(url, silentLogger)
    servers.push(await startServer({ feedCheckMs: 500, ...options }, { log, tokenStore: log, directory: log, versions: log, rounds: log, joinCodes: log, historyLog: log, feed: log, tokenKey }))
  }
  return { url, servers, close: () => Promise.all(servers.map((s) => s.close())) }
}

const title = (client: Client) => client.doc.getMap('meta').get('title')

const http = (server: JointPlanServer, path: string, token: string | null, init: RequestInit = {}) =>
  fetch(`${server.url.replace('ws://', 'http://')}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string> | undefined) } })

type HistoryPage = { changes: FieldChange[]; next: string | null }
const historyOf = async (server: JointPlanServer, planId: string, token: string, query = ''): Promise<HistoryPage> => {
  const res = await http(server, `/api/plans/${planId}/history${query}`, token)
  return res.status === 200 ? ((await res.json()) as HistoryPage) : { changes: [], next: null }
}

describe('server instances sharing a PostgreSQL log', () => {
  run('clients of a room split between two instances converge, and PostgreSQL holds the same state', async () => {
    const { url, servers, close } = await instances(2)
    const [a, b] = servers as [JointPlanServer, JointPlanServer]
    const token = await tokenFor(a, planRoom('p1'))
    const clients = Array.from({ length: 10 }, (_, i) => connectClient((i % 2 ? b : a).url, planRoom('p1'), token))
    try {
      await Promise.all(clients.map((c) => synced(c)))
      clients[0]!.doc.getMap('meta').set('title', 'Through A')
      await waitFor('every client has A’s title', () => clients.every((c) => title(c) === 'Through A'))
      for (const [i, client] of clients.entries()) for (let n = 0; n < 10; n++) client.doc.getArray('notes').push([`${i}:${n}`])
      await waitFor('every client has all 100 notes', () => clients.every((c) => c.doc.getArray('notes').length === 100))
      const expected = JSON.stringify([...clients[0]!.doc.getArray('notes').toArray()].sort())
      for (const client of clients) expect(JSON.stringify([...client.doc.getArray('notes').toArray()].sort())).toBe(expected)
      // A reader of PostgreSQL alone rebuilds the same doc from the log.
      const reader = await PostgresUpdateLog.open(url, silentLogger)
      const doc = new Y.Doc()
      for (const { update } of await reader.readLog(planRoom('p1'))) Y.applyUpdate(doc, update)
      await reader.close()
      expect(doc.getArray('notes').length).toBe(100)
      expect(doc.getMap('meta').get('title')).toBe('Through A')
    } finally {
      clients.forEach((c) => c.destroy())
      await close()
    }
  })

  run('an instance whose LISTEN connection is cut catches up on its own, and no client misses an update', async () => {
    const { url, servers, close } = await instances(2)
    const [a, b] = servers as [JointPlanServer, JointPlanServer]
    const token = await tokenFor(a, planRoom('p2'))
    const onA = connectClient(a.url, planRoom('p2'), token)
    const onB = connectClient(b.url, planRoom('p2'), token)
    const admin = new pg.Client(url)
    await admin.connect()
    try {
      await Promise.all([synced(onA), synced(onB)])
      const cut = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'jointplan-listen'")
      expect(cut.rowCount).toBe(2)
      for (let n = 0; n < 20; n++) onA.doc.getArray('notes').push([n])
      await waitFor('B’s client has all 20, within 2 s', () => onB.doc.getArray('notes').length === 20, 2_000)
      onB.doc.getMap('meta').set('title', 'After the cut')
      await waitFor('A’s client has B’s write', () => title(onA) === 'After the cut', 2_000)
    } finally {
      await admin.end()
      onA.destroy()
      onB.destroy()
      await close()
    }
  })

  run('presence crosses instances within a second, with the name the server gave it, and leaves with its client', async () => {
    const { servers, close } = await instances(2)
    const [a, b] = servers as [JointPlanServer, JointPlanServer]
    const onA = connectClient(a.url, planRoom('p3'), await tokenFor(a, planRoom('p3'), 'editor', 'Sokha Chan', 'CLC'))
    const onB = connectClient(b.url, planRoom('p3'), await tokenFor(b, planRoom('p3'), 'editor', 'Dewi Lestari', 'SBMI'))
    try {
      await Promise.all([synced(onA), synced(onB)])
      const namesOnB = () => [...onB.provider.awareness.getStates().values()].map((state) => (state as { user?: { name?: string } }).user?.name).filter(Boolean)
      const started = Date.now()
      onA.provider.awareness.setLocalStateField('user', { name: 'Someone Else', color: '#123456' })
      await waitFor('B sees A’s client by its invite’s name', () => namesOnB().includes('Sokha Chan'), 1_000)
      expect(Date.now() - started).toBeLessThan(1_000)
      expect(namesOnB()).not.toContain('Someone Else')
      onA.destroy()
      await waitFor('A’s client has left B’s presence', () => !namesOnB().includes('Sokha Chan'), 2_000)
    } finally {
      onB.destroy()
      await close()
    }
  })

  run('both instances compact a busy room; each round of checkpoints is written once, and nothing is lost', async () => {
    const url = await database('scale')
    const tokenKey = new Uint8Array(randomBytes(32))
    const servers: JointPlanServer[] = []
    for (let i = 0; i < 2; i++) {
      const log = await PostgresUpdateLog.open(url, silentLogger)
      servers.push(await startServer({ checkpointEveryUpdates: 20, checkpointDelayMs: 0 }, { log, tokenStore: log, directory: log, feed: log, tokenKey }))
    }
    const [a, b] = servers as [JointPlanServer, JointPlanServer]
    const token = await tokenFor(a, planRoom('p4'))
    const clients = [connectClient(a.url, planRoom('p4'), token), connectClient(b.url, planRoom('p4'), token)]
    const written = async (server: JointPlanServer) => {
      const text = await (await fetch(`${server.url.replace('ws://', 'http://')}/metrics`)).text()
      return Number(/^jointplan_checkpoints_written_total (\d+)/m.exec(text)?.[1] ?? 0)
    }
    try {
      await Promise.all(clients.map((c) => synced(c)))
      for (let n = 0; n < 200; n++) {
        clients[n % 2]!.doc.getArray('notes').push([n])
        if (n % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 20))
      }
      await waitFor('both clients have all 200', () => clients.every((c) => c.doc.getArray('notes').length === 200))
      // Both instances hold and compact the room; 200 updates make ten rounds of 20, each written by one of them.
      await waitFor('checkpoints written', async () => (await written(a)) + (await written(b)) >= 5)
      expect((await written(a)) + (await written(b))).toBeLessThanOrEqual(200 / 20)
      // Loading from PostgreSQL (the stored checkpoint and the tail after it) gives every update.
      const reader = await PostgresUpdateLog.open(url, silentLogger)
      const stored = await reader.load(planRoom('p4'))
      await reader.close()
      expect(stored.checkpointSeq).toBeGreaterThan(0)
      const doc = new Y.Doc()
      if (stored.checkpoint) Y.applyUpdate(doc, stored.checkpoint.state)
      for (const update of stored.tail) Y.applyUpdate(doc, update)
      expect(doc.getArray('notes').length).toBe(200)
    } finally {
      clients.forEach((c) => c.destroy())
      await Promise.all(servers.map((s) => s.close()))
    }
  })

  run('a version adopted and a workshop join code made through one instance are there through the other', async () => {
    const { servers, close } = await instances(2)
    const [a, b] = servers as [JointPlanServer, JointPlanServer]
    const owner = await tokenFor(a, planRoom('p5'), 'owner', 'Aiko Tanaka', 'ILO')
    const writer = connectClient(a.url, planRoom('p5'), owner)
    try {
      await synced(writer)
      writer.doc.getMap('meta').set('title', 'Adopted plan')
      await waitFor('stored', async () => (await historyOf(b, 'p5', owner)).changes.length > 0)
      const adopted = await http(a, '/api/plans/p5/versions', owner, { method: 'POST', body: JSON.stringify({ name: 'Final Regional Workshop', adoptedOn: '2025-02-11' }) })
      expect(adopted.status).toBe(200)
      const listed = (await (await http(b, '/api/plans/p5/versions', owner)).json()) as { versions: { name: string; createdBy: { name: string } }[] }
      expect(listed.versions).toMatchObject([{ name: 'Final Regional Workshop', createdBy: { name: 'Aiko Tanaka' } }])
      const made = (await (await http(a, '/api/plans/p5/workshops/w1/join-code', owner, { method: 'POST', body: '{"role":"commenter"}' })).json()) as { joinCode: { code: string } }
      const joined = await http(b, '/api/join', null, { method: 'POST', body: JSON.stringify({ code: made.joinCode.code, name: 'Sokha Chan', org: 'CLC' }) })
      expect(joined.status).toBe(200)
      const { token } = (await joined.json()) as { token: string }
      expect(await (await http(a, '/api/me?plan=p5', token)).json()).toMatchObject({ name: 'Sokha Chan', org: 'CLC', role: 'commenter' })
    } finally {
      writer.destroy()
      await close()
    }
  })

  run('the plan history and review rounds of a plan edited through both instances read the shared log from either', async () => {
    const { servers, close } = await instances(2, { historyPerSecond: 1_000, historyBurst: 1_000 })
    const [a, b] = servers as [JointPlanServer, JointPlanServer]
    const owner = await tokenFor(a, planRoom('p6'), 'owner', 'Aiko Tanaka', 'ILO')
    const editor = await tokenFor(b, planRoom('p6'), 'editor', 'Sokha Chan', 'CLC')
    const commenter = await tokenFor(b, planRoom('p6'), 'commenter', 'Dewi Lestari', 'SBMI')
    const ownerClient = connectClient(a.url, planRoom('p6'), owner)
    const editorClient = connectClient(b.url, planRoom('p6'), editor)
    const talk = connectClient(b.url, discussionRoom('p6'), commenter)
    try {
      await Promise.all([ownerClient, editorClient, talk].map((c) => synced(c)))
      const { areaIds } = must(createPlan(ownerClient.doc, { title: 'Scaled plan' }))
      const hotline = must(addAction(ownerClient.doc, { areaId: areaIds[0]!, title: 'Hotline' })).id
      await waitFor('the action reached B', () => readPlan(editorClient.doc).actions.some((x) => x.id === hotline))
      must(updateAction(editorClient.doc, hotline, { title: 'Hotline in Khmer' }))

      // Each instance builds its own index from the shared log: both show both people's edits, named from the invites.
      const titles = async (server: JointPlanServer) =>
        (await historyOf(server, 'p6', owner, `?actionId=${hotline}`)).changes.map((c) => [c.field === '*' ? (c.after as { title: string }).title : c.after, c.author?.name, c.author?.org])
      const expected = [
        ['Hotline', 'Aiko Tanaka', 'ILO'],
        ['Hotline in Khmer', 'Sokha Chan', 'CLC'],
      ]
      for (const server of [a, b]) await waitFor('both edits in the history', async () => JSON.stringify(await titles(server)) === JSON.stringify(expected))

      // A page B holds is revalidated against the shared log: an edit through A, or a name changed through A, makes it stale.
      const held = await http(b, `/api/plans/p6/history?actionId=${hotline}`, owner)
      const etag = held.headers.get('etag') ?? ''
      expect((await http(b, `/api/plans/p6/history?actionId=${hotline}`, owner, { headers: { 'if-none-match': etag } })).status).toBe(304)
      const sokha = (await b.tokens.list('p6')).find((t) => t.name === 'Sokha Chan')!
      await a.tokens.rename(sokha.id, { name: 'Sokha Chan Dara', org: 'CLC' })
      expect((await http(b, `/api/plans/p6/history?actionId=${hotline}`, owner, { headers: { 'if-none-match': etag } })).status).toBe(200)
      expect((await titles(b)).at(-1)).toEqual(['Hotline in Khmer', 'Sokha Chan Dara', 'CLC'])

      // A round opened through A is listed through B, and closed through B with what the discussion holds.
      const opened = await http(a, '/api/plans/p6/rounds', owner, { method: 'POST', body: JSON.stringify({ title: 'Review', deadline: '2027-02-01', actionIds: [hotline], orgs: ['SBMI'] }) })
      expect(opened.status).toBe(200)
      const round = Round.parse(await opened.json())
      expect(Round.array().parse(((await (await http(b, '/api/plans/p6/rounds', owner)).json()) as { rounds: unknown }).rounds)).toEqual([round])
      const action = readPlan(editorClient.doc).actions.find((x) => x.id === hotline)!
      must(setVerdict(talk.doc, { actionId: hotline, verdict: 'object', note: 'no budget', by: { name: 'Dewi Lestari', org: 'SBMI' }, actionStamp: actionStamp(action) }))
      await waitFor('the verdict is stored', async () => (await historyOf(a, 'p6', owner)).changes.some((c) => c.entity === 'verdict'))
      const closing = await http(b, `/api/plans/p6/rounds/${round.id}/close`, owner, { method: 'POST', body: '{}' })
      expect(closing.status).toBe(200)
      const closed = Round.parse(await closing.json())
      expect(closed.closed?.summary.orgs).toEqual([{ org: 'SBMI', endorse: 0, concern: 0, object: 1, none: 0, earlier: 0 }])
      expect(closed.closed?.plan.seq).toBeGreaterThan(0)
      expect((await http(a, `/api/plans/p6/rounds/${round.id}/close`, owner, { method: 'POST', body: '{}' })).status).toBe(409)
    } finally {
      ;[ownerClient, editorClient, talk].forEach((c) => c.destroy())
      await close()
    }
  })

  run('an instance given another token key refuses to start, saying so, and the deployment keeps working', async () => {
    const { url, servers, close } = await instances(1)
    const log = await PostgresUpdateLog.open(url, silentLogger)
    try {
      const other = new Uint8Array(randomBytes(32))
      await expect(startServer({}, { log, tokenStore: log, directory: log, feed: log, tokenKey: other })).rejects.toThrow(/not the one this storage’s invites are signed with/)
      const token = await tokenFor(servers[0]!, 'plan/keyed')
      const res = await http(servers[0]!, '/api/me?plan=keyed', token)
      expect(res.status).toBe(200)
    } finally {
      await log.close()
      await close()
    }
  })

  run('while PostgreSQL is down, requests and rooms are refused with 503 and a reason; once it is back, they work again', async () => {
    const { servers, close } = await instances(1)
    const server = servers[0]!
    const token = await tokenFor(server, 'plan/outage')
    try {
      await cluster().halt()
      const refused = await http(server, '/api/me?plan=outage', token)
      expect(refused.status).toBe(503)
      expect(refused.headers.get('retry-after')).toBe('2')
      expect(((await refused.json()) as { error: string }).error).toMatch(/cannot reach its storage/)
      expect(await upgradeAnswer(`${server.url}/plan/outage?token=${token}`)).toMatchObject({ status: 503, body: expect.stringContaining('cannot reach its storage') as unknown })
    } finally {
      await cluster().resume()
    }
    try {
      await waitFor('the instance answers again', async () => (await http(server, '/api/me?plan=outage', token)).status === 200, 10_000)
      const client = connectClient(server.url, 'plan/outage', token)
      await synced(client)
      client.destroy()
    } finally {
      await close()
    }
  })
})
