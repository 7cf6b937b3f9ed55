import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, addStakeholder, createPlan, filterActions, NO_FILTER, readPlan, sortActions } from '../../shared/index.js'

const fixture = () => {
  const doc = new Y.Doc()
  const created = createPlan(doc, {})
  if (!created.ok) throw new Error('create failed')
  const [grievance, recruitment] = [created.value.areaIds[0]!, created.value.areaIds[2]!]
  const id = (r: { ok: boolean; value?: { id: string } }) => (r.ok && r.value ? r.value.id : '')
  const union = id(addStakeholder(doc, { name: 'Tổng Liên đoàn Lao động Việt Nam', kind: 'workers_org', country: 'VN' }))
  const ministry = id(addStakeholder(doc, { name: 'MHLW', kind: 'government', country: 'JP' }))
  addAction(doc, { areaId: grievance, title: 'Hotline in Vietnamese', owners: [union], countries: ['VN'], due: '2027-01-10', status: 'in_progress', progress: 40 })
  addAction(doc, { areaId: recruitment, title: 'Zero-fee pilot', owners: [ministry], countries: ['JP'], due: '2026-11-01', progress: 10 })
  addAction(doc, { areaId: grievance, title: 'Interpreters pool', progress: 90 })
  return { plan: readPlan(doc), grievance, union }
}

describe('filtering and sorting actions', () => {
  it('finds text without accents or case, and by owner name', () => {
    const { plan } = fixture()
    const titles = (text: string) => filterActions(plan, { ...NO_FILTER, text }, '2026-12-01').map((a) => a.title)
    expect(titles('VIETNAMESE')).toEqual(['Hotline in Vietnamese'])
    expect(titles('lien doan')).toEqual(['Hotline in Vietnamese'])
    expect(titles('mhlw')).toEqual(['Zero-fee pilot'])
    expect(titles('nothing like it')).toEqual([])
  })

  it('combines area, status, owner, owner kind, country and overdue', () => {
    const { plan, grievance, union } = fixture()
    const count = (f: Partial<typeof NO_FILTER>) => filterActions(plan, { ...NO_FILTER, ...f }, '2026-12-01').length
    expect(count({ areaId: grievance })).toBe(2)
    expect(count({ areaId: grievance, status: 'in_progress' })).toBe(1)
    expect(count({ ownerId: union })).toBe(1)
    expect(count({ ownerKind: 'government' })).toBe(1)
    expect(count({ country: 'JP' })).toBe(1)
    expect(count({ overdueOnly: true })).toBe(1)
    expect(count({})).toBe(3)
  })

  it('sorts by due date with undated actions last in both directions, and by progress', () => {
    const { plan } = fixture()
    const sorted = (key: 'due' | 'progress', direction: 'asc' | 'desc') => sortActions(plan, plan.actions, { key, direction }).map((a) => a.title)
    expect(sorted('due', 'asc')).toEqual(['Zero-fee pilot', 'Hotline in Vietnamese', 'Interpreters pool'])
    expect(sorted('due', 'desc')).toEqual(['Hotline in Vietnamese', 'Zero-fee pilot', 'Interpreters pool'])
    expect(sorted('progress', 'desc')).toEqual(['Interpreters pool', 'Hotline in Vietnamese', 'Zero-fee pilot'])
  })
})
