import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, createPlan, readPlan, setStatus, updateAction } from '../../shared/index.js'
import { SqliteUpdateLog } from '../../server/index.js'
import { content, synced } from '../helpers/server.js'
import { seedLargePlan } from '../helpers/seed.js'
import { waitFor } from '../helpers/wait.js'
import { serverFixture } from '../helpers/fixture.js'

const fx = serverFixture()
const join = fx.join

describe('live sync through the server', () => {
  it('two clients editing one plan converge', async () => {
    await fx.start()
    const alice = await join()
    const bob = await join()
    await Promise.all([synced(alice), synced(bob)])
    const created = createPlan(alice.doc, {})
    if (!created.ok) throw new Error('create failed')
    await waitFor('plan at bob', () => readPlan(bob.doc).areas.length === 4)
    const area = created.value.areaIds[0]!
    const added = addAction(bob.doc, { areaId: area, title: 'Referral protocol between helpdesks' })
    if (!added.ok) throw new Error('add failed')
    await waitFor('action at alice', () => readPlan(alice.doc).actions.length === 1)
    // Concurrent edits of different fields of the same action both survive.
    updateAction(alice.doc, added.value.id, { title: 'Referral protocol (KH-JP)' })
    setStatus(bob.doc, added.value.id, 'in_progress')
    await waitFor('both edits everywhere', () =>
      [alice, bob].every((c) => {
        const action = readPlan(c.doc).actions[0]
        return action?.title === 'Referral protocol (KH-JP)' && action.status === 'in_progress'
      }),
    )
    expect(content(alice.doc)).toEqual(content(bob.doc))
  })

  it('a late joiner receives the whole plan', async () => {
    await fx.start()
    const alice = await join()
    await synced(alice)
    const created = createPlan(alice.doc, {})
    if (!created.ok) throw new Error('create failed')
    for (let i = 0; i < 30; i++) addAction(alice.doc, { areaId: created.value.areaIds[i % 4]!, title: `Action ${i}` })
    const late = await join()
    await synced(late)
    await waitFor('late joiner has everything', () => readPlan(late.doc).actions.length === 30)
    expect(content(late.doc)).toEqual(content(alice.doc))
  })

  it('rooms are separate: an edit in one plan never shows in another', async () => {
    await fx.start()
    const a = await join('plan/one')
    const b = await join('plan/two')
    await Promise.all([synced(a), synced(b)])
    createPlan(a.doc, { template: 'blank', title: 'One' })
    const witness = await join('plan/one')
    await synced(witness)
    await waitFor('witness sees plan one', () => readPlan(witness.doc).meta.title === 'One')
    expect(b.doc.getMap('meta').size).toBe(0)
  })

  it('awareness appears for others, named by the invite, and is removed when a client disconnects', async () => {
    await fx.start()
    const alice = await join('plan/p1', 'editor', 'Sokha Chan', 'CLC')
    const bob = await join()
    await Promise.all([synced(alice), synced(bob)])
    alice.provider.awareness.setLocalStateField('user', { name: 'Somebody Else', org: 'Ministry', color: '#1d5fa8' })
    const aliceId = alice.doc.clientID
    const userAt = (client: typeof bob) => (client.provider.awareness.getStates().get(aliceId) as { user?: { name: string; org: string; color: string } } | undefined)?.user
    await waitFor('bob sees alice', () => userAt(bob) !== undefined)
    expect(userAt(bob)).toEqual({ name: 'Sokha Chan', org: 'CLC', color: '#1d5fa8' })
    // A third client joining later gets the current awareness states.
    const carol = await join()
    await synced(carol)
    await waitFor('carol sees alice', () => carol.provider.awareness.getStates().has(aliceId))
    alice.provider.disconnect()
    await waitFor('alice removed at bob', () => !bob.provider.awareness.getStates().has(aliceId))
    await waitFor('alice removed at carol', () => !carol.provider.awareness.getStates().has(aliceId))
  })

  it('50 clients in one room converge', async () => {
    await fx.start()
    const seed = await join()
    await synced(seed)
    const created = createPlan(seed.doc, {})
    if (!created.ok) throw new Error('create failed')
    const crowd = await Promise.all(Array.from({ length: 50 }, () => join()))
    await Promise.all(crowd.map((c) => synced(c, 15_000)))
    crowd.forEach((c, i) => addAction(c.doc, { areaId: created.value.areaIds[i % 4]!, title: `From participant ${i}` }))
    await waitFor('every client holds 50 actions', () => crowd.every((c) => readPlan(c.doc).actions.length === 50), 20_000)
    await waitFor('seed holds 50 actions', () => readPlan(seed.doc).actions.length === 50)
    const expected = content(seed.doc)
    for (const c of crowd) expect(content(c.doc)).toEqual(expected)
    expect(fx.server().health().connections).toBe(51)
  })
})

describe('the doc on the server', () => {
  it('does not echo a client its own update but sends it to everyone else', async () => {
    await fx.start()
    const alice = await join()
    const bob = await join()
    await Promise.all([synced(alice), synced(bob)])
    let aliceReceived = 0
    alice.doc.on('update', (_u: Uint8Array, origin: unknown) => {
      if (origin === alice.provider) aliceReceived++
    })
    alice.doc.getMap('meta').set('title', 'x')
    await waitFor('bob got it', () => bob.doc.getMap('meta').get('title') === 'x')
    await new Promise((r) => setTimeout(r, 100))
    expect(aliceReceived).toBe(0)
    expect(Y.encodeStateVector(alice.doc)).toEqual(Y.encodeStateVector(bob.doc))
  })

  it('takes a plan uploaded in one large update, and the edits its sender made right after, in order', async () => {
    await fx.start()
    const alice = await join()
    const bob = await join()
    await Promise.all([synced(alice), synced(bob)])
    const { doc: seeded, areaIds } = seedLargePlan(400)
    const upload = Y.encodeStateAsUpdate(seeded)
    // Large enough to be read by the compaction process rather than on the sync thread.
    expect(upload.byteLength).toBeGreaterThan(64 * 1024)
    Y.applyUpdate(alice.doc, upload)
    const added = addAction(alice.doc, { areaId: areaIds[0]!, title: 'Added right after the upload' })
    if (!added.ok) throw new Error('add failed')
    await waitFor('bob has the plan and the new action', () => readPlan(bob.doc).actions.length === 401, 10_000)
    const carol = await join()
    await synced(carol)
    await waitFor('a late joiner has it all', () => readPlan(carol.doc).actions.length === 401, 10_000)
    expect(content(carol.doc)).toEqual(content(alice.doc))
  })

  it('stores nothing and refuses nothing when a reader reconnects holding what the server holds', async () => {
    const server = await fx.start()
    const alice = await join()
    await synced(alice)
    const created = createPlan(alice.doc, {})
    if (!created.ok) throw new Error('create failed')
    const added = addAction(alice.doc, { areaId: created.value.areaIds[0]!, title: 'Draft' })
    if (!added.ok) throw new Error('add failed')
    for (let i = 0; i < 20; i++) updateAction(alice.doc, added.value.id, { title: `Draft ${i}` })
    const reader = await join('plan/p1', 'viewer')
    await waitFor('the reader has the plan', () => readPlan(reader.doc).actions[0]?.title === 'Draft 19')
    const logged = async () => (await new SqliteUpdateLog(server.config.dataDir, 'normal').readLog('plan/p1')).length
    const before = await logged()
    reader.provider.disconnect()
    reader.provider.connect()
    await synced(reader)
    await new Promise((r) => setTimeout(r, 200))
    expect(await logged()).toBe(before)
    expect((await server.metrics.writesDenied.get()).values[0]?.value ?? 0).toBe(0)
  })
})
