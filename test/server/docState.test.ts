import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Compactor } from '../../server/Compactor.js'
import { DocState, parseUpdate } from '../../server/DocState.js'
import { MetaWatch } from '../../server/MetaWatch.js'
import { addAction, createPlan, planMaps, updateAction, updatePlanMeta } from '../../shared/index.js'

/** A few replicas editing a map, a text and an array; every update they make, in order. */
const editingSession = (ops: { replica: number; kind: number; n: number }[]): { updates: Uint8Array[]; final: unknown } => {
  const replicas = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
  const updates: Uint8Array[] = []
  for (const doc of replicas) doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'sync' && updates.push(u))
  for (const { replica, kind, n } of ops) {
    const doc = replicas[replica]!
    const map = doc.getMap('m')
    const text = doc.getText('t')
    if (kind === 0) map.set(`k${n % 4}`, n)
    else if (kind === 1) map.delete(`k${n % 4}`)
    else if (kind === 2) text.insert(n % (text.length + 1), `x${n}`)
    else if (kind === 3 && text.length > 0) text.delete(n % text.length, 1)
    else doc.getArray('a').push([n])
    // Replicas sometimes sync with each other, so their updates depend on one another.
    if (n % 3 === 0) for (const other of replicas) Y.applyUpdate(other, Y.encodeStateAsUpdate(doc), 'sync')
  }
  const all = new Y.Doc()
  for (const u of updates) Y.applyUpdate(all, u)
  return { updates, final: all.toJSON() }
}

/** An update accepted and then committed, as a room takes it. */
const take = (state: DocState, bytes: Uint8Array): void => {
  state.note(parseUpdate(bytes))
  state.keep(bytes)
}

/** A client that syncs with the state: sends its state vector, applies what it is sent. */
const syncFrom = (state: DocState, doc = new Y.Doc()): Y.Doc => {
  for (const update of state.missingFor(Y.encodeStateVector(doc))) Y.applyUpdate(doc, update)
  return doc
}

/** Fisher-Yates with a small linear congruential generator, so that a failing seed replays. */
const shuffle = <T>(items: T[], seed: number): T[] => {
  let x = seed
  for (let i = items.length - 1; i > 0; i--) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31
    const j = x % (i + 1)
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

const opsArb = fc.array(fc.record({ replica: fc.nat(2), kind: fc.nat(4), n: fc.nat(50) }), { minLength: 1, maxLength: 40 })

describe('a doc held as update bytes', () => {
  const compactor = new Compactor('process')
  afterAll(() => compactor.close())

  it('takes each update once, whatever the order and repeats, and gives a new client everything', () => {
    fc.assert(
      fc.property(opsArb, fc.nat(), (ops, seed) => {
        const { updates, final } = editingSession(ops)
        const delivery = shuffle([...updates, ...updates.filter((_, i) => (i + seed) % 3 === 0)], seed)
        const state = new DocState(null)
        for (const bytes of delivery) {
          const update = parseUpdate(bytes)
          if (!state.adds(update)) continue
          state.note(update)
          state.keep(bytes)
        }
        expect(syncFrom(state).toJSON()).toEqual(final)
        for (const bytes of updates) expect(state.adds(parseUpdate(bytes))).toBe(false)
      }),
      { numRuns: 100 },
    )
  })

  it('gives a client that holds part of the doc the rest', () => {
    fc.assert(
      fc.property(opsArb, fc.nat(), (ops, cut) => {
        const { updates, final } = editingSession(ops)
        const state = new DocState(null)
        for (const bytes of updates) take(state, bytes)
        const partial = new Y.Doc()
        for (const bytes of updates.slice(0, cut % (updates.length + 1))) Y.applyUpdate(partial, bytes)
        expect(syncFrom(state, partial).toJSON()).toEqual(final)
      }),
      { numRuns: 100 },
    )
  })

  it('keeps updates that arrive during a compaction, and still knows the compacted ones', async () => {
    const { updates, final } = editingSession(Array.from({ length: 30 }, (_, n) => ({ replica: n % 3, kind: n % 5, n })))
    const half = updates.length >> 1
    const state = new DocState(null)
    for (const bytes of updates.slice(0, half)) take(state, bytes)
    const { parts, upTo } = state.parts()
    const compaction = compactor.compact(parts)
    for (const bytes of updates.slice(half)) take(state, bytes)
    state.compacted(await compaction, upTo)
    expect(state.pendingCount).toBe(updates.length - half)
    expect(syncFrom(state).toJSON()).toEqual(final)
    for (const bytes of updates) expect(state.adds(parseUpdate(bytes))).toBe(false)
  })

  it("takes a reader's sync reply, which repeats every deletion it holds, as nothing new", () => {
    const writer = new Y.Doc()
    const state = new DocState(null)
    writer.on('update', (u: Uint8Array) => take(state, u))
    writer.getMap('m').set('a', 1)
    writer.getMap('m').set('a', 2)
    writer.getText('t').insert(0, 'hello')
    writer.getText('t').delete(1, 3)
    const reader = syncFrom(state)
    const reply = Y.encodeStateAsUpdate(reader, state.stateVector())
    expect(Y.decodeUpdate(reply).ds.clients.size).toBeGreaterThan(0)
    expect(state.adds(parseUpdate(reply))).toBe(false)
  })

  it('starts from a checkpoint and a tail as it was left', async () => {
    const { updates, final } = editingSession(Array.from({ length: 20 }, (_, n) => ({ replica: n % 3, kind: n % 5, n })))
    const checkpoint = await compactor.compact(updates.slice(0, 10))
    const state = new DocState(checkpoint)
    for (const bytes of updates.slice(10)) take(state, bytes)
    expect(syncFrom(state).toJSON()).toEqual(final)
    for (const bytes of updates) expect(state.adds(parseUpdate(bytes))).toBe(false)
  })

  it('compacts overwritten values away', async () => {
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    for (let i = 0; i < 200; i++) doc.getMap('m').set('title', `a fairly long title, version ${i}`)
    const merged = Y.mergeUpdates(updates)
    const compaction = await compactor.compact(updates)
    expect(compaction.state.byteLength).toBeLessThan(merged.byteLength / 10)
    const reread = new Y.Doc()
    Y.applyUpdate(reread, compaction.state)
    expect(reread.getMap('m').get('title')).toBe('a fairly long title, version 199')
  })
})

describe("reading a plan's meta without a doc", () => {
  it('reads a new title, an overwritten title and a deletion, and nothing from an edit to an action', () => {
    const doc = new Y.Doc()
    let last: Uint8Array = new Uint8Array()
    doc.on('update', (u: Uint8Array) => (last = u))
    const watch = new MetaWatch()
    createPlan(doc, { title: 'First' })
    expect(watch.read(parseUpdate(last))).toMatchObject({ title: 'First' })
    updatePlanMeta(doc, { title: 'Second' })
    expect(watch.read(parseUpdate(last))).toEqual({ title: 'Second' })
    const added = addAction(doc, { areaId: [...planMaps(doc).areas.keys()][0]!, title: 'Train inspectors' })
    if (!added.ok) throw new Error('the action was not added')
    expect(watch.read(parseUpdate(last))).toBeNull()
    updateAction(doc, added.value.id, { title: 'Train labour inspectors' })
    expect(watch.read(parseUpdate(last))).toBeNull()
    updatePlanMeta(doc, { deleted: true })
    expect(watch.read(parseUpdate(last))).toEqual({ deleted: true })
  })

  it('learns from a compaction which items hold the meta, for a room loaded from a checkpoint', async () => {
    const compactor = new Compactor('process')
    const doc = new Y.Doc()
    createPlan(doc, { title: 'First' })
    const compaction = await compactor.compact([Y.encodeStateAsUpdate(doc)])
    await compactor.close()
    expect(compaction.meta).toMatchObject({ title: 'First' })
    let last: Uint8Array = new Uint8Array()
    doc.on('update', (u: Uint8Array) => (last = u))
    updatePlanMeta(doc, { title: 'Second' })
    expect(new MetaWatch().read(parseUpdate(last))).toBeNull()
    const watch = new MetaWatch()
    watch.learn(compaction.metaItems)
    expect(watch.read(parseUpdate(last))).toEqual({ title: 'Second' })
  })

  it('compacts a large room to the same state in a worker thread (the desktop app) as in a forked process', async () => {
    const doc = new Y.Doc()
    const parts: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => parts.push(u))
    createPlan(doc, { title: 'Large' })
    const areaId = [...planMaps(doc).areas.keys()][0]!
    for (let i = 0; i < 400; i++) addAction(doc, { areaId, title: `Action ${i} `.padEnd(200, 'x') })
    expect(parts.reduce((sum, p) => sum + p.byteLength, 0)).toBeGreaterThan(64 * 1024)
    const inThread = new Compactor('thread')
    const inProcess = new Compactor('process')
    try {
      const [threaded, forked] = await Promise.all([inThread.compact(parts), inProcess.compact(parts)])
      expect(Y.encodeStateVectorFromUpdate(threaded.state)).toEqual(Y.encodeStateVector(doc))
      expect(threaded.state).toEqual(forked.state)
      expect((await inThread.inspect(parts[0]!)).ranges).toEqual((await inProcess.inspect(parts[0]!)).ranges)
    } finally {
      await Promise.all([inThread.close(), inProcess.close()])
    }
  })
})
