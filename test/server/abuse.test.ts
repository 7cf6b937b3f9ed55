import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { createPlan, readPlan, updatePlanMeta } from '../../shared/index.js'
import { SqliteUpdateLog } from '../../server/index.js'
import { closeOf, content, rawSocket, synced, tempDataDir, tokenFor } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'
import { serverFixture } from '../helpers/fixture.js'

const fx = serverFixture()
const join = fx.join

const frame = (write: (e: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

const garbageUpdate = frame((e) => {
  encoding.writeVarUint(e, 0) // sync
  encoding.writeVarUint(e, 2) // update
  encoding.writeVarUint8Array(e, new Uint8Array([7, 200, 13, 99, 1, 2, 3, 250, 251]))
})

/** The upgrade's HTTP answer, for a URL the server must refuse. */
const upgradeStatus = (url: string): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(url)
    socket.once('open', () => reject(new Error(`${url} was accepted`)))
    socket.once('unexpected-response', (_req, res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    socket.once('error', () => undefined)
  })

describe('bad input closes one connection; everyone else goes on', () => {
  const cases: { name: string; send: (s: WebSocket) => void; code: number }[] = [
    { name: 'undecodable bytes', send: (s) => s.send(new Uint8Array([0xff, 0xff, 0xff])), code: 4400 },
    { name: 'a text frame', send: (s) => s.send('hello'), code: 4400 },
    { name: 'an unknown message type', send: (s) => s.send(frame((e) => encoding.writeVarUint(e, 9))), code: 4400 },
    { name: 'a garbage Yjs update', send: (s) => s.send(garbageUpdate), code: 4400 },
    { name: 'a frame over the size limit', send: (s) => s.send(new Uint8Array(4096).fill(1)), code: 1009 },
    { name: 'malformed awareness', send: (s) => s.send(frame((e) => { encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, new Uint8Array([1, 5, 1, 9, 123])) })), code: 4400 },
  ]

  for (const { name, send, code } of cases) {
    it(`${name} closes that socket with ${code}`, async () => {
      await fx.start({ maxMessageBytes: 2048 })
      const alice = await join()
      const bob = await join()
      await Promise.all([synced(alice), synced(bob)])
      createPlan(alice.doc, { template: 'blank', title: 'Before' })
      await waitFor('bob has the plan', () => readPlan(bob.doc).meta.title === 'Before')

      const attacker = await rawSocket(`${fx.server().url}/plan/p1?token=${await tokenFor(fx.server(), 'plan/p1')}`)
      const closed = closeOf(attacker)
      send(attacker)
      const { code: got, reason } = await closed
      expect(got).toBe(code)
      if (code !== 1009) expect(reason.length).toBeGreaterThan(0)

      updatePlanMeta(alice.doc, { title: 'After' })
      await waitFor('bob still syncs', () => readPlan(bob.doc).meta.title === 'After')
      expect(alice.provider.wsconnected && bob.provider.wsconnected).toBe(true)
      expect(fx.server().health().connections).toBe(2)
    })
  }

  it('a large garbage update, read off the sync thread, closes that socket with 4400; the sender’s next frames go nowhere', async () => {
    await fx.start()
    const alice = await join()
    const bob = await join()
    await Promise.all([synced(alice), synced(bob)])
    const attacker = await rawSocket(`${fx.server().url}/plan/p1?token=${await tokenFor(fx.server(), 'plan/p1')}`)
    const closed = closeOf(attacker)
    const noise = new Uint8Array(200 * 1024).map((_, i) => (i * 7919) % 251)
    attacker.send(frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 2); encoding.writeVarUint8Array(e, noise) }))
    attacker.send(garbageUpdate)
    expect(await closed).toMatchObject({ code: 4400 })
    createPlan(alice.doc, { template: 'blank', title: 'Still here' })
    await waitFor('bob still syncs', () => readPlan(bob.doc).meta.title === 'Still here')
  })

  it('a garbage update never reaches storage or other clients', async () => {
    const dataDir = tempDataDir()
    await fx.start({ dataDir })
    const alice = await join()
    await synced(alice)
    createPlan(alice.doc, { template: 'blank', title: 'Intact' })
    const watcher = await join()
    await synced(watcher)
    await waitFor('stored', () => readPlan(watcher.doc).meta.title === 'Intact')
    const before = content(alice.doc)
    for (let i = 0; i < 5; i++) {
      const attacker = await rawSocket(`${fx.server().url}/plan/p1?token=${await tokenFor(fx.server(), 'plan/p1')}`)
      const closed = closeOf(attacker)
      attacker.send(garbageUpdate)
      await closed
    }
    fx.dropClients()
        const log = new SqliteUpdateLog(dataDir, 'normal')
    const stored = await log.load('plan/p1')
    await log.close()
    await fx.start({ dataDir })
    const reader = await join()
    await synced(reader)
    expect(content(reader.doc)).toEqual(before)
    expect(stored.lastSeq).toBeGreaterThan(0)
  })

  it('refuses bad room names at the upgrade with 400 and a reason', async () => {
    await fx.start()
    for (const room of ['evil', 'plan', 'plan/a/b', 'plan/a/note', 'plan/has%20space', `plan/${'x'.repeat(65)}`]) {
      const { status, body } = await upgradeStatus(`${fx.server().url}/${room}`)
      expect(status, room).toBe(400)
      expect(body).toContain('room must be plan/<id>')
    }
    const ok = await join('plan/a/note/n1')
    await synced(ok)
  })

  it('refuses connections and rooms over the limits with 503, and keeps serving the others', async () => {
    await fx.start({ maxConnections: 2, maxRooms: 1 })
    const alice = await join()
    await synced(alice)
    const other = await upgradeStatus(`${fx.server().url}/plan/another?token=${await tokenFor(fx.server(), 'plan/another')}`)
    expect(other.status).toBe(503)
    expect(other.body).toContain('limit of 1 rooms')
    const bob = await join()
    await synced(bob)
    const third = await upgradeStatus(`${fx.server().url}/plan/p1?token=${await tokenFor(fx.server(), 'plan/p1')}`)
    expect(third.status).toBe(503)
    expect(third.body).toContain('limit of 2 connections')
    alice.doc.getMap('meta').set('title', 'still fine')
    await waitFor('bob syncs', () => bob.doc.getMap('meta').get('title') === 'still fine')
  })
})
