import { must } from '../helpers/must.js'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  actionsNaming, addAction, addArea, addStakeholder, createPlan, moveArea, readPlan, removeArea, removeStakeholder, updateArea,
  updateStakeholder, type CommandResult,
} from '../../shared/index.js'


const rules = (result: CommandResult<unknown>) => (result.ok ? [] : result.error.issues.map((i) => i.rule.key))

describe('areas', () => {
  it('a blank plan starts with one area; areas are added, renamed, described and reordered', () => {
    const doc = new Y.Doc()
    must(createPlan(doc, { template: 'blank', title: 'Hanoi workshop' }))
    expect(readPlan(doc).areas.map((a) => a.title)).toEqual(['Actions'])
    const legal = must(addArea(doc, { title: 'Legal aid' })).id
    must(addArea(doc, { title: 'Helpdesks', description: 'JP-MIRAI Assist and others' }))
    must(updateArea(doc, legal, { title: 'Legal aid across borders', description: 'Lawyers in origin and destination' }))
    must(moveArea(doc, legal, 0))
    expect(readPlan(doc).areas.map((a) => a.title)).toEqual(['Legal aid across borders', 'Actions', 'Helpdesks'])
    expect(readPlan(doc).areas[0]!.description).toBe('Lawyers in origin and destination')
    expect(updateArea(doc, legal, { title: ' ' }).ok).toBe(false)
  })

  it('removing an area moves its actions, in order, to the end of the area chosen, or deletes them with it', () => {
    const doc = new Y.Doc()
    const { areaIds } = must(createPlan(doc, { template: 'access-to-remedy' }))
    const [grievance, empowerment, recruitment] = areaIds as [string, string, string]
    for (const title of ['A1', 'A2']) must(addAction(doc, { areaId: grievance, title }))
    must(addAction(doc, { areaId: empowerment, title: 'B1' }))
    must(addAction(doc, { areaId: recruitment, title: 'C1' }))
    expect(must(removeArea(doc, grievance, { actionsTo: empowerment })).moved).toBe(2)
    let plan = readPlan(doc)
    expect(plan.areas.map((a) => a.id)).not.toContain(grievance)
    expect(plan.actions.filter((a) => a.areaId === empowerment).map((a) => a.title)).toEqual(['B1', 'A1', 'A2'])
    must(removeArea(doc, recruitment, { deleteActions: true }))
    plan = readPlan(doc)
    expect(plan.actions.map((a) => a.title)).toEqual(['B1', 'A1', 'A2'])
    expect(removeArea(doc, empowerment, { actionsTo: empowerment }).ok).toBe(false)
  })

  it('keeps the last area', () => {
    const doc = new Y.Doc()
    const { areaIds } = must(createPlan(doc, { template: 'blank' }))
    expect(rules(removeArea(doc, areaIds[0]!, { deleteActions: true }))).toEqual(['lastArea'])
  })
})

describe('stakeholders', () => {
  const plan = () => {
    const doc = new Y.Doc()
    const { areaIds } = must(createPlan(doc, { template: 'access-to-remedy' }))
    const mhlw = must(addStakeholder(doc, { name: 'MHLW', kind: 'government', country: 'JP' })).id
    const clc = must(addStakeholder(doc, { name: 'Cambodian Labour Confederation', kind: 'workers_org', country: 'KH' })).id
    const action = must(addAction(doc, { areaId: areaIds[0]!, title: 'Hotline', owners: [mhlw, clc], partners: [clc] })).id
    return { doc, mhlw, clc, action }
  }

  it('refuses a duplicate by name and country, ignoring case and accents, on add and on rename', () => {
    const { doc, clc } = plan()
    expect(rules(addStakeholder(doc, { name: 'mhlw', kind: 'government', country: 'JP' }))).toEqual(['duplicateStakeholder'])
    expect(addStakeholder(doc, { name: 'MHLW', kind: 'government', country: 'KH' }).ok).toBe(true)
    expect(rules(updateStakeholder(doc, clc, { name: 'MHLW', country: 'JP' }))).toEqual(['duplicateStakeholder'])
    expect(updateStakeholder(doc, clc, { name: 'Cambodian Labour Confederation (CLC)' }).ok).toBe(true)
  })

  it('removes an organization, replacing it in its actions or taking it off them', () => {
    const { doc, mhlw, clc, action } = plan()
    expect(actionsNaming(doc, clc)).toEqual([action])
    must(removeStakeholder(doc, clc, { replaceWith: mhlw }))
    let read = readPlan(doc)
    expect(read.stakeholders.map((s) => s.name)).toEqual(['MHLW'])
    expect(read.actions[0]).toMatchObject({ owners: [mhlw], partners: [mhlw] })
    must(removeStakeholder(doc, mhlw, { replaceWith: null }))
    read = readPlan(doc)
    expect(read.stakeholders).toEqual([])
    expect(read.actions[0]).toMatchObject({ owners: [], partners: [] })
  })
})
