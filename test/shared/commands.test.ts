import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addAction, addIndicator, addStakeholder, createPlan, deleteAction, moveAction, planMaps, readAction, readPlan,
  removeIndicator, restoreAction, setProgress, setStatus, updateAction, updateIndicator, updatePlanMeta,
} from '../../shared/index.js'

const templatePlan = () => {
  const doc = new Y.Doc()
  const created = createPlan(doc, { template: 'access-to-remedy' })
  if (!created.ok) throw new Error(created.error.message)
  return { doc, areaIds: created.value.areaIds }
}

const mustId = (result: { ok: true; value: { id: string } } | { ok: false; error: { message: string } }): string => {
  if (!result.ok) throw new Error(result.error.message)
  return result.value.id
}

describe('plans from templates', () => {
  it('creates the access-to-remedy plan with its four areas in order', () => {
    const { doc } = templatePlan()
    const plan = readPlan(doc)
    expect(plan.meta.title).toBe('Joint work plan: access to remedy for migrant workers')
    expect(plan.areas.map((a) => a.title)).toEqual([
      'Grievance mechanisms',
      'Empowerment of migrant workers',
      'Fair and ethical recruitment',
      'Implementation mechanisms and enabling environments',
    ])
    expect(plan.meta.countries).toEqual(['KH', 'ID', 'VN', 'PH', 'TH', 'JP'])
    expect(plan.unreadable).toEqual([])
  })

  it('creates a blank plan, and refuses to create a second plan in the same doc', () => {
    const doc = new Y.Doc()
    expect(createPlan(doc, { template: 'blank', title: 'Workshop Hanoi' }).ok).toBe(true)
    expect(readPlan(doc).areas.map((a) => a.title)).toEqual(['Actions'])
    expect(readPlan(doc).meta.title).toBe('Workshop Hanoi')
    const again = createPlan(doc, { template: 'blank' })
    expect(again.ok).toBe(false)
  })

  it('renames a plan and refuses an empty title', () => {
    const { doc } = templatePlan()
    expect(updatePlanMeta(doc, { title: 'JWP 2027' }).ok).toBe(true)
    const bad = updatePlanMeta(doc, { title: '   ' })
    expect(bad.ok).toBe(false)
    expect(readPlan(doc).meta.title).toBe('JWP 2027')
    // A patch writes only what it names.
    expect(readPlan(doc).meta.countries).toEqual(['KH', 'ID', 'VN', 'PH', 'TH', 'JP'])
  })
})

describe('actions', () => {
  it('adds an action with defaults and writes it in one update', () => {
    const { doc, areaIds } = templatePlan()
    let updates = 0
    doc.on('update', () => updates++)
    const id = mustId(addAction(doc, { areaId: areaIds[0]!, title: 'Joint helpdesk referral protocol', due: '2027-03-31' }))
    expect(updates).toBe(1)
    const action = readAction(doc, id)
    expect(action).toMatchObject({ title: 'Joint helpdesk referral protocol', status: 'planned', progress: 0, origin: 'proposed', due: '2027-03-31', owners: [] })
    expect(action?.invalid).toEqual([])
  })

  it('refuses bad input with the field and the reason, and writes nothing', () => {
    const { doc, areaIds } = templatePlan()
    let updates = 0
    doc.on('update', () => updates++)
    const result = addAction(doc, { areaId: areaIds[0]!, title: '', progress: 140, due: '31/03/2027' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.issues.map((i) => i.path).sort()).toEqual(['due', 'progress', 'title'])
    expect(updates).toBe(0)
    expect(addAction(doc, { areaId: 'nope', title: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('refuses a due date before the stored start date', () => {
    const { doc, areaIds } = templatePlan()
    const id = mustId(addAction(doc, { areaId: areaIds[0]!, title: 'Survey', start: '2027-02-01' }))
    const result = updateAction(doc, id, { due: '2027-01-15' })
    expect(result).toMatchObject({ ok: false, error: { issues: [{ path: 'due' }] } })
    expect(updateAction(doc, id, { due: '2027-02-15' }).ok).toBe(true)
  })

  it('does not write when nothing changes', () => {
    const { doc, areaIds } = templatePlan()
    const id = mustId(addAction(doc, { areaId: areaIds[0]!, title: 'Survey', owners: ['a'] }))
    let updates = 0
    doc.on('update', () => updates++)
    expect(updateAction(doc, id, { title: 'Survey', owners: ['a'] })).toEqual({ ok: true, value: { changed: 0 } })
    expect(updates).toBe(0)
  })

  it('marks an action done with full progress, and sets progress', () => {
    const { doc, areaIds } = templatePlan()
    const id = mustId(addAction(doc, { areaId: areaIds[0]!, title: 'Survey' }))
    setProgress(doc, id, 40)
    expect(readAction(doc, id)?.progress).toBe(40)
    setStatus(doc, id, 'done')
    expect(readAction(doc, id)).toMatchObject({ status: 'done', progress: 100 })
  })

  it('moves and reorders actions between areas', () => {
    const { doc, areaIds } = templatePlan()
    const [first, second] = areaIds as [string, string]
    const a = mustId(addAction(doc, { areaId: first, title: 'A' }))
    const b = mustId(addAction(doc, { areaId: first, title: 'B' }))
    const c = mustId(addAction(doc, { areaId: first, title: 'C' }))
    expect(moveAction(doc, c, { areaId: first, index: 0 }).ok).toBe(true)
    const titlesIn = (areaId: string) => readPlan(doc).actions.filter((x) => x.areaId === areaId).map((x) => x.title)
    expect(titlesIn(first)).toEqual(['C', 'A', 'B'])
    moveAction(doc, a, { areaId: second, index: 0 })
    expect(titlesIn(first)).toEqual(['C', 'B'])
    expect(titlesIn(second)).toEqual(['A'])
    moveAction(doc, b, { areaId: second, index: 1 })
    expect(titlesIn(second)).toEqual(['A', 'B'])
  })

  it('deletes softly and restores', () => {
    const { doc, areaIds } = templatePlan()
    const id = mustId(addAction(doc, { areaId: areaIds[0]!, title: 'A' }))
    deleteAction(doc, id)
    expect(readPlan(doc).actions).toEqual([])
    expect(updateAction(doc, id, { title: 'B' }).ok).toBe(false)
    restoreAction(doc, id)
    expect(readPlan(doc).actions.map((a) => a.title)).toEqual(['A'])
  })
})

describe('stakeholders and indicators', () => {
  it('adds stakeholders and refuses an unknown kind or country format', () => {
    const { doc } = templatePlan()
    mustId(addStakeholder(doc, { name: 'Ministry of Labour and Vocational Training', kind: 'government', country: 'KH' }))
    expect(addStakeholder(doc, { name: 'X', kind: 'mafia' as 'other' }).ok).toBe(false)
    expect(addStakeholder(doc, { name: 'X', kind: 'other', country: 'Japan' }).ok).toBe(false)
    expect(readPlan(doc).stakeholders).toMatchObject([{ name: 'Ministry of Labour and Vocational Training', kind: 'government', country: 'KH' }])
  })

  it('adds, updates and removes indicators of an action', () => {
    const { doc, areaIds } = templatePlan()
    const id = mustId(addAction(doc, { areaId: areaIds[0]!, title: 'Helpdesks' }))
    const ind = mustId(addIndicator(doc, id, { label: 'Cases referred', unit: 'cases', baseline: 0, target: 200 }))
    expect(updateIndicator(doc, id, ind, { current: 50 }).ok).toBe(true)
    expect(updateIndicator(doc, id, ind, { current: Number.NaN }).ok).toBe(false)
    expect(readAction(doc, id)?.indicators).toEqual([{ id: ind, label: 'Cases referred', unit: 'cases', baseline: 0, target: 200, current: 50 }])
    removeIndicator(doc, id, ind)
    expect(readAction(doc, id)?.indicators).toEqual([])
  })
})

describe('reading a doc written by someone else', () => {
  it('marks a bad field and keeps the rest of the action readable', () => {
    const { doc, areaIds } = templatePlan()
    const id = mustId(addAction(doc, { areaId: areaIds[0]!, title: 'Helpdesks', progress: 30 }))
    const raw = planMaps(doc).actions.get(id)!
    raw.set('progress', 'lots')
    raw.set('due', 'tomorrow')
    const action = readAction(doc, id)
    expect(action).toMatchObject({ title: 'Helpdesks', progress: 0, due: null })
    expect(action?.invalid.map((i) => i.path).sort()).toEqual(['due', 'progress'])
  })

  it('reports an entry that is not a record instead of throwing', () => {
    const { doc } = templatePlan()
    ;(planMaps(doc).actions as unknown as Y.Map<unknown>).set('junk', 42)
    planMaps(doc).meta.set('title', 7)
    const plan = readPlan(doc)
    expect(plan.unreadable).toMatchObject([{ collection: 'actions', id: 'junk' }])
    expect(plan.meta.title).toBe('Untitled plan')
    expect(plan.meta.invalid).toMatchObject([{ path: 'title' }])
  })
})
