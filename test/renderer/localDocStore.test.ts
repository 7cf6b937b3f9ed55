import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, createPlan, readPlan } from '../../shared/index.js'
import { LocalDb } from '../../renderer/sync/localDb.js'
import { LocalDocStore } from '../../renderer/sync/localDocStore.js'

const REMOTE = Symbol('provider')
let dbCount = 0
const freshDb = () => new LocalDb(`test-${dbCount++}`)

const open = async (db: LocalDb, listening: { value: boolean }) => {
  const doc = new Y.Doc()
  const store = new LocalDocStore(db, 'plan/p1', doc, (origin) => origin !== REMOTE, () => listening.value)
  await store.load()
  return { doc, store }
}

describe('the local copy of a doc (IndexedDB)', () => {
  it('keeps every edit across a reopen, and counts the ones made while the server could not hear them', async () => {
    const db = freshDb()
    const listening = { value: true }
    const first = await open(db, listening)
    const created = createPlan(first.doc, {})
    if (!created.ok) throw new Error('create failed')
    listening.value = false
    addAction(first.doc, { areaId: created.value.areaIds[0]!, title: 'Offline one' })
    addAction(first.doc, { areaId: created.value.areaIds[1]!, title: 'Offline two' })
    await first.store.flushed()
    expect(await first.store.pendingCount()).toBe(2)

    // An update that came from the server is stored but never pending.
    const remote = new Y.Doc()
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(first.doc))
    addAction(remote, { areaId: created.value.areaIds[2]!, title: 'From the server' })
    Y.applyUpdate(first.doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(first.doc)), REMOTE)
    await first.store.flushed()
    expect(await first.store.pendingCount()).toBe(2)
    first.store.destroy()

    const reopened = await open(db, listening)
    expect(readPlan(reopened.doc).actions.map((a) => a.title).sort()).toEqual(['From the server', 'Offline one', 'Offline two'])
    expect(await reopened.store.pendingCount()).toBe(2)
    await reopened.store.markSent()
    expect(await reopened.store.pendingCount()).toBe(0)
  })

  it('compacts a long history into one row without losing content or pending edits', async () => {
    const db = freshDb()
    const listening = { value: true }
    const first = await open(db, listening)
    const created = createPlan(first.doc, {})
    if (!created.ok) throw new Error('create failed')
    for (let i = 0; i < 350; i++) addAction(first.doc, { areaId: created.value.areaIds[i % 4]!, title: `A${i}` })
    listening.value = false
    addAction(first.doc, { areaId: created.value.areaIds[0]!, title: 'Pending' })
    await first.store.flushed()
    first.store.destroy()
    expect(await db.updates.count()).toBe(352)

    const second = await open(db, listening)
    await second.store.flushed()
    expect(await db.updates.count()).toBe(2)
    expect(await second.store.pendingCount()).toBe(1)
    second.store.destroy()
    const third = await open(db, listening)
    expect(readPlan(third.doc).actions).toHaveLength(351)
  })
})
