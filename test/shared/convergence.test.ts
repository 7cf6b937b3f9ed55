import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  ACTION_STATUSES, addAction, addIndicator, createPlan, deleteAction, moveAction, planMaps, readPlan, setProgress,
  setStatus, updateAction, updateIndicator,
} from '../../shared/index.js'

/** A command, chosen by fast-check, aimed at one of three replicas. */
type Step =
  | { replica: number; kind: 'add'; area: number; title: string }
  | { replica: number; kind: 'title'; pick: number; title: string }
  | { replica: number; kind: 'status'; pick: number; status: number }
  | { replica: number; kind: 'progress'; pick: number; progress: number }
  | { replica: number; kind: 'move'; pick: number; area: number; index: number }
  | { replica: number; kind: 'delete'; pick: number }
  | { replica: number; kind: 'indicator'; pick: number; current: number }
  | { replica: number; kind: 'sync'; from: number; to: number }

const replica = fc.nat(2)
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ replica, kind: fc.constant('add' as const), area: fc.nat(3), title: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== '') }),
  fc.record({ replica, kind: fc.constant('title' as const), pick: fc.nat(), title: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== '') }),
  fc.record({ replica, kind: fc.constant('status' as const), pick: fc.nat(), status: fc.nat(ACTION_STATUSES.length - 1) }),
  fc.record({ replica, kind: fc.constant('progress' as const), pick: fc.nat(), progress: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ replica, kind: fc.constant('move' as const), pick: fc.nat(), area: fc.nat(3), index: fc.nat(5) }),
  fc.record({ replica, kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ replica, kind: fc.constant('indicator' as const), pick: fc.nat(), current: fc.integer({ min: 0, max: 500 }) }),
  fc.record({ replica, kind: fc.constant('sync' as const), from: fc.nat(2), to: fc.nat(2) }),
)

const liveIds = (doc: Y.Doc): string[] => readPlan(doc).actions.map((a) => a.id)

const run = (doc: Y.Doc, areaIds: string[], s: Exclude<Step, { kind: 'sync' }>): void => {
  const ids = liveIds(doc)
  const target = ids.length > 0 ? ids[('pick' in s ? s.pick : 0) % ids.length] : undefined
  if (s.kind === 'add') {
    const added = addAction(doc, { areaId: areaIds[s.area]!, title: s.title })
    if (added.ok) addIndicator(doc, added.value.id, { label: 'Reach', baseline: 0, target: 100 })
    return
  }
  if (target === undefined) return
  if (s.kind === 'title') updateAction(doc, target, { title: s.title })
  if (s.kind === 'status') setStatus(doc, target, ACTION_STATUSES[s.status]!)
  if (s.kind === 'progress') setProgress(doc, target, s.progress)
  if (s.kind === 'move') moveAction(doc, target, { areaId: areaIds[s.area]!, index: s.index })
  if (s.kind === 'delete') deleteAction(doc, target)
  if (s.kind === 'indicator') {
    const indicator = planMaps(doc).actions.get(target)?.get('indicators') as Y.Array<Y.Map<unknown>> | undefined
    const first = indicator?.get(0)?.get('id')
    if (typeof first === 'string') updateIndicator(doc, target, first, { current: s.current })
  }
}

describe('convergence', () => {
  it('three replicas applying shuffled, duplicated updates reach the same state, and it always parses', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), fc.integer(), (steps, seed) => {
        const origin = new Y.Doc()
        const created = createPlan(origin, {})
        if (!created.ok) throw new Error('create failed')
        const base = Y.encodeStateAsUpdate(origin)
        const docs = [0, 1, 2].map(() => {
          const doc = new Y.Doc()
          Y.applyUpdate(doc, base)
          return doc
        })
        const logs: Uint8Array[][] = docs.map(() => [])
        docs.forEach((doc, i) => doc.on('update', (u: Uint8Array, from: unknown) => from !== 'remote' && logs[i]!.push(u)))
        for (const s of steps) {
          if (s.kind === 'sync') Y.applyUpdate(docs[s.to]!, Y.encodeStateAsUpdate(docs[s.from]!), 'remote')
          else run(docs[s.replica]!, created.value.areaIds, s)
        }
        // Every update reaches every replica, in a shuffled order, some twice.
        const all = logs.flat()
        const random = fc.sample(fc.shuffledSubarray([...all, ...all.slice(0, all.length / 2)], { minLength: all.length + Math.floor(all.length / 2) }), { seed, numRuns: 1 })[0]!
        for (const doc of docs) for (const u of random) Y.applyUpdate(doc, u, 'remote')
        const states = docs.map((d) => readPlan(d))
        expect(states[1]).toEqual(states[0])
        expect(states[2]).toEqual(states[0])
        for (const state of states) {
          expect(state.unreadable).toEqual([])
          for (const action of state.actions) expect(action.invalid).toEqual([])
        }
      }),
      { numRuns: 150 },
    )
  })
})
