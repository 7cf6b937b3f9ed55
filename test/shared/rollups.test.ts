import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addAction, addStakeholder, createPlan, dueSoonActions, indicatorProgress, overdueActions, readPlan,
  rollupByArea, rollupByCountry, rollupByStakeholder, rollupByStakeholderKind, rollupPlan,
} from '../../shared/index.js'

const TODAY = '2027-06-15'

const fixture = () => {
  const doc = new Y.Doc()
  const created = createPlan(doc, {})
  if (!created.ok) throw new Error('create failed')
  const [grievance, empowerment] = created.value.areaIds as [string, string]
  const id = (r: { ok: boolean; value?: { id: string } }) => (r.ok && r.value ? r.value.id : '')
  const union = id(addStakeholder(doc, { name: 'Cambodian Labour Confederation', kind: 'workers_org', country: 'KH' }))
  const ministry = id(addStakeholder(doc, { name: 'MHLW', kind: 'government', country: 'JP' }))
  addAction(doc, { areaId: grievance, title: 'Late', owners: [union], countries: ['KH'], due: '2027-06-01', progress: 20 })
  addAction(doc, { areaId: grievance, title: 'Soon', owners: [union, ministry], countries: ['KH', 'JP'], due: '2027-06-20', progress: 60 })
  addAction(doc, { areaId: grievance, title: 'Done late', owners: [ministry], due: '2027-05-01', status: 'done', progress: 100 })
  addAction(doc, { areaId: empowerment, title: 'Dropped', owners: [ministry], due: '2027-01-01', status: 'dropped', progress: 0 })
  return { plan: readPlan(doc), grievance, empowerment, union, ministry }
}

describe('roll-ups', () => {
  it('lists overdue and due-soon actions, leaving out done and dropped ones', () => {
    const { plan } = fixture()
    expect(overdueActions(plan.actions, TODAY).map((a) => a.title)).toEqual(['Late'])
    expect(dueSoonActions(plan.actions, TODAY, 14).map((a) => a.title)).toEqual(['Soon'])
    expect(dueSoonActions(plan.actions, TODAY, 3).map((a) => a.title)).toEqual([])
  })

  it('rolls progress up by area, every area present, dropped actions not counted', () => {
    const { plan, grievance, empowerment } = fixture()
    const byArea = rollupByArea(plan, TODAY)
    expect(byArea).toHaveLength(4)
    expect(byArea.find((r) => r.key === grievance)).toMatchObject({ count: 3, progress: 60, overdue: 1, byStatus: { done: 1, planned: 2 } })
    expect(byArea.find((r) => r.key === empowerment)).toMatchObject({ count: 0, progress: 0, byStatus: { dropped: 1 } })
    expect(rollupPlan(plan, TODAY)).toMatchObject({ count: 3, progress: 60, overdue: 1 })
  })

  it('rolls up by stakeholder, stakeholder kind and country', () => {
    const { plan, union, ministry } = fixture()
    const byStakeholder = rollupByStakeholder(plan, TODAY)
    expect(byStakeholder.find((r) => r.key === union)).toMatchObject({ label: 'Cambodian Labour Confederation', count: 2, progress: 40, overdue: 1 })
    expect(byStakeholder.find((r) => r.key === ministry)).toMatchObject({ label: 'MHLW', count: 2, progress: 80 })
    const byKind = rollupByStakeholderKind(plan, TODAY)
    expect(byKind.find((r) => r.key === 'workers_org')?.count).toBe(2)
    expect(byKind.find((r) => r.key === 'government')?.count).toBe(2)
    const byCountry = rollupByCountry(plan, TODAY)
    expect(byCountry.find((r) => r.key === 'KH')).toMatchObject({ count: 2, progress: 40 })
    expect(byCountry.find((r) => r.key === 'JP')).toMatchObject({ count: 1, progress: 60 })
  })

  it('computes indicator progress from baseline to target', () => {
    expect(indicatorProgress({ baseline: 10, target: 110, current: 60 })).toBe(50)
    expect(indicatorProgress({ baseline: null, target: 4, current: 5 })).toBe(100)
    expect(indicatorProgress({ baseline: 50, target: 10, current: 30 })).toBe(50)
    expect(indicatorProgress({ baseline: 0, target: 10, current: null })).toBeNull()
  })
})
