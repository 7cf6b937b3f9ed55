import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, addIndicator, comparePlans, createPlan, deleteAction, moveAction, readPlan, updateAction } from '../../shared/index.js'
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
})
