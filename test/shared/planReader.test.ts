import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, addStakeholder, createPlan, deleteAction, moveAction, planMaps, PlanReader, readPlan, updateAction, updatePlanMeta } from '../../shared/index.js'

describe('PlanReader follows a live doc', () => {
  it('gives what a full read gives after every kind of change, from this doc or another', () => {
    const doc = new Y.Doc()
    const reader = new PlanReader(doc)
    let notified = 0
    reader.subscribe(() => notified++)
    const created = createPlan(doc, {})
    if (!created.ok) throw new Error('create failed')
    const [a1, a2] = created.value.areaIds as [string, string]
    const ids: string[] = []
    for (let i = 0; i < 10; i++) {
      const r = addAction(doc, { areaId: i % 2 ? a1 : a2, title: `A${i}` })
      if (r.ok) ids.push(r.value.id)
    }
    expect(reader.read()).toEqual(readPlan(doc))
    updateAction(doc, ids[0]!, { title: 'renamed', progress: 50 })
    moveAction(doc, ids[1]!, { areaId: a2, index: 0 })
    deleteAction(doc, ids[2]!)
    addStakeholder(doc, { name: 'IOM', kind: 'international_org' })
    updatePlanMeta(doc, { title: 'New title' })
    expect(reader.read()).toEqual(readPlan(doc))

    const remote = new Y.Doc()
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc))
    updateAction(remote, ids[3]!, { status: 'blocked' })
    planMaps(remote).actions.get(ids[4]!)?.set('progress', 'bad')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)))
    const view = reader.read()
    expect(view).toEqual(readPlan(doc))
    expect(view.actions.find((a) => a.id === ids[4])?.invalid).toHaveLength(1)
    expect(notified).toBeGreaterThan(0)
  })

  it('returns the same view object until the doc changes', () => {
    const doc = new Y.Doc()
    createPlan(doc, {})
    const reader = new PlanReader(doc)
    const first = reader.read()
    expect(reader.read()).toBe(first)
    updatePlanMeta(doc, { title: 'Changed' })
    expect(reader.read()).not.toBe(first)
    reader.destroy()
  })
})
