import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, addIndicator, addStakeholder, createPlan, updateAction, updateIndicator, type CommandResult } from '../../shared/index.js'

const rules = (result: CommandResult<unknown>) => (result.ok ? [] : result.error.issues.map((i) => i.rule))

describe('what a refused value is told', () => {
  const doc = new Y.Doc()
  const created = createPlan(doc, { template: 'access-to-remedy' })
  if (!created.ok) throw new Error(created.error.message)
  const areaId = created.value.areaIds[0]!
  const action = addAction(doc, { areaId, title: 'Hotline' })
  if (!action.ok) throw new Error(action.error.message)
  const id = action.value.id

  it('names the rule a person can act on, not the schema’s wording', () => {
    expect(rules(updateAction(doc, id, { progress: 150 }))).toEqual([{ key: 'progress' }])
    expect(rules(updateAction(doc, id, { progress: Number.NaN }))).toEqual([{ key: 'progress' }])
    expect(rules(updateAction(doc, id, { progress: 2.5 }))).toEqual([{ key: 'progress' }])
    expect(rules(updateAction(doc, id, { title: '   ' }))).toEqual([{ key: 'required' }])
    expect(rules(updateAction(doc, id, { title: 'x'.repeat(301) }))).toEqual([{ key: 'tooLong', values: { max: 300 } }])
    expect(rules(updateAction(doc, id, { countries: ['Cambodia'] }))).toEqual([{ key: 'country' }])
    expect(rules(updateAction(doc, id, { start: '2027-05-01', due: '2027-04-01' }))).toEqual([{ key: 'dueBeforeStart' }])
    expect(rules(addStakeholder(doc, { name: '', kind: 'government' }))).toEqual([{ key: 'name' }])
  })

  it('tells a unit that is too long its limit and a measure that is not a number what is accepted', () => {
    const indicator = addIndicator(doc, id, { label: 'Cases' })
    if (!indicator.ok) throw new Error(indicator.error.message)
    expect(rules(updateIndicator(doc, id, indicator.value.id, { unit: 'u'.repeat(41) }))).toEqual([{ key: 'tooLong', values: { max: 40 } }])
    expect(rules(updateIndicator(doc, id, indicator.value.id, { target: Number.NaN }))).toEqual([{ key: 'number' }])
  })
})
