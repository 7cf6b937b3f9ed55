import * as Y from 'yjs'

const COUNTRIES = ['KH', 'ID', 'VN', 'PH', 'TH', 'JP']

/**
 * A large plan as another client might write it, not shaped by this project's commands:
 * every field of every action set (defaults included), one Y.Map per action, the whole plan
 * in one update. What a first upload from an importer or an older client looks like.
 */
export const unshapedPlanUpdate = (actions: number): Uint8Array => {
  const doc = new Y.Doc()
  doc.transact(() => {
    const meta = doc.getMap('meta')
    meta.set('schema', 1)
    meta.set('title', `Imported plan (${actions} actions)`)
    meta.set('summary', '')
    meta.set('countries', COUNTRIES)
    meta.set('createdAt', '2025-02-11T09:00:00.000Z')
    const areas = doc.getMap('areas')
    for (let a = 0; a < 4; a++) {
      const area = new Y.Map<unknown>()
      areas.set(`area${a}`, area)
      area.set('title', `Area ${a + 1}`)
      area.set('order', `a${a}`)
      area.set('description', '')
    }
    const map = doc.getMap('actions')
    for (let i = 0; i < actions; i++) {
      const action = new Y.Map<unknown>()
      map.set(`action${i}`, action)
      action.set('areaId', `area${i % 4}`)
      action.set('title', `Action ${i}: legal aid and interpretation for migrant workers in ${COUNTRIES[i % COUNTRIES.length]}`)
      action.set('origin', i % 2 ? 'existing' : 'proposed')
      action.set('status', 'planned')
      action.set('progress', (i * 7) % 101)
      action.set('owners', [])
      action.set('partners', [])
      action.set('countries', [COUNTRIES[i % COUNTRIES.length]])
      action.set('start', null)
      action.set('due', `2026-${String((i % 12) + 1).padStart(2, '0')}-15`)
      action.set('priority', 'medium')
      action.set('pillar', null)
      action.set('order', `a${i.toString(36)}`)
      action.set('indicators', new Y.Array())
      action.set('summary', '')
      action.set('deleted', false)
    }
  })
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}
