import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, addIndicator, authorsByField, comparePlans, fieldKey, type FieldChange, createPlan, deleteAction, moveAction, readPlan, updateAction } from '../../shared/index.js'
import { must } from '../helpers/must.js'

describe('comparing two states of a plan', () => {
  it('names the actions added and removed, and each changed field with its value before and after; a move is no change', () => {
    const doc = new Y.Doc()
    const { areaIds } = must(createPlan(doc, { title: 'Plan' }))
    const hotline = must(addAction(doc, { areaId: areaIds[0]!, title: 'Hotline', status: 'planned' })).id
    const survey = must(addAction(doc, { areaId: areaIds[0]!, title: 'Survey' })).id
    const shelter = must(addAction(doc, { areaId: areaIds[1]!, title: 'Shelter' })).id
    const adopted = readPlan(doc)

    must(updateAction(doc, hotline, { title: 'Hotline in five languages', status: 'in_progress', progress: 20 }))
    must(deleteAction(doc, survey))
    must(moveAction(doc, shelter, { areaId: areaIds[1]!, index: 0 }))
    must(addAction(doc, { areaId: areaIds[0]!, title: 'Legal aid' }))
    must(addIndicator(doc, shelter, { label: 'Beds', target: 40 }))

    const differences = comparePlans(adopted, readPlan(doc))
    expect(differences.added.map((a) => a.title)).toEqual(['Legal aid'])
    expect(differences.removed.map((a) => a.title)).toEqual(['Survey'])
    expect(differences.changed.map(({ action, fields }) => [action.title, fields.map((f) => [f.field, f.before, f.after])])).toEqual([
      ['Hotline in five languages', [['title', 'Hotline', 'Hotline in five languages'], ['status', 'planned', 'in_progress'], ['progress', 0, 20]]],
      ['Shelter', [['indicators', [], [expect.objectContaining({ label: 'Beds', target: 40 })]]]],
    ])
    expect(comparePlans(adopted, adopted)).toEqual({ added: [], removed: [], changed: [] })
  })

  it('names who changed each field over a stretch of the log, each once; an overwritten edit changed nothing', () => {
    const aiko = { id: 't1', name: 'Aiko Tanaka', org: 'ILO' }
    const sokha = { id: 't2', name: 'Sokha Chan', org: 'CLC' }
    const change = (author: FieldChange['author'], field: string, extra: Partial<FieldChange> = {}): FieldChange => ({ seq: 1, at: 1, author, entity: 'action', entityId: 'a1', field, before: null, after: 'x', ...extra })
    const authors = authorsByField([
      change(aiko, 'title'),
      change(sokha, 'title'),
      change(aiko, 'title'),
      change(sokha, 'priority', { overwritten: true, overwrittenBy: aiko }),
      change(aiko, '*', { entityId: 'a2' }),
      change(sokha, 'verdict', { entity: 'verdict', entityId: 'v1' }),
    ])
    expect(authors.get(fieldKey('a1', 'title'))).toEqual([aiko, sokha])
    expect(authors.has(fieldKey('a1', 'priority'))).toBe(false)
    expect(authors.get(fieldKey('a2', '*'))).toEqual([aiko])
    expect(authors.size).toBe(2)
  })
})
