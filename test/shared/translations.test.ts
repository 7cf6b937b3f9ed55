import { must } from '../helpers/must.js'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  actionMatcher, addAction, createPlan, fieldChanges, localize, NO_FILTER, readPlan, setTranslation, updateAction, updatePlanMeta,
  type HistoryUpdate,
} from '../../shared/index.js'


const planWithAction = () => {
  const doc = new Y.Doc()
  const { areaIds } = must(createPlan(doc, { template: 'access-to-remedy', language: 'en' }))
  const { id } = must(addAction(doc, { areaId: areaIds[0]!, title: 'Multilingual hotline', summary: 'Staffed every day' }))
  return { doc, areaId: areaIds[0]!, id }
}

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('translated plan text', () => {
  it('shows a reader the translation of their language, and the original, marked, where there is none', () => {
    const { doc, id } = planWithAction()
    must(setTranslation(doc, { target: { kind: 'action', id }, language: 'ja', field: 'title', text: '多言語ホットライン' }))
    const action = readPlan(doc).actions[0]!
    expect(localize(action, 'title', 'ja', 'en')).toEqual({ text: '多言語ホットライン', state: 'translated' })
    expect(localize(action, 'title', 'km', 'en')).toEqual({ text: 'Multilingual hotline', state: 'untranslated' })
    expect(localize(action, 'title', 'en', 'en')).toEqual({ text: 'Multilingual hotline', state: 'original' })
  })

  it('marks a translation out of date once the original changes, and current again when it is redone', () => {
    const { doc, id } = planWithAction()
    must(setTranslation(doc, { target: { kind: 'action', id }, language: 'th', field: 'summary', text: 'เปิดทุกวัน' }))
    must(updateAction(doc, id, { summary: 'Staffed every day, in five languages' }))
    expect(localize(readPlan(doc).actions[0]!, 'summary', 'th', 'en').state).toBe('stale')
    must(setTranslation(doc, { target: { kind: 'action', id }, language: 'th', field: 'summary', text: 'เปิดทุกวัน ห้าภาษา' }))
    expect(localize(readPlan(doc).actions[0]!, 'summary', 'th', 'en')).toEqual({ text: 'เปิดทุกวัน ห้าภาษา', state: 'translated' })
  })

  it('syncs like any field, and two translators of one action at once both keep their work', () => {
    const { doc: a, id, areaId } = planWithAction()
    const b = new Y.Doc()
    sync(a, b)
    must(setTranslation(a, { target: { kind: 'action', id }, language: 'vi', field: 'title', text: 'Đường dây nóng đa ngôn ngữ' }))
    must(setTranslation(b, { target: { kind: 'action', id }, language: 'vi', field: 'summary', text: 'Hoạt động mỗi ngày' }))
    must(setTranslation(b, { target: { kind: 'area', id: areaId }, language: 'vi', field: 'title', text: 'Cơ chế khiếu nại' }))
    must(setTranslation(b, { target: { kind: 'plan' }, language: 'vi', field: 'title', text: 'Kế hoạch chung' }))
    sync(a, b)
    for (const doc of [a, b]) {
      const plan = readPlan(doc)
      expect(plan.actions[0]!.translations.vi).toEqual({
        title: { text: 'Đường dây nóng đa ngôn ngữ', source: 'Multilingual hotline' },
        summary: { text: 'Hoạt động mỗi ngày', source: 'Staffed every day' },
      })
      expect(localize(plan.areas[0]!, 'title', 'vi', plan.meta.language).text).toBe('Cơ chế khiếu nại')
      expect(localize(plan.meta, 'title', 'vi', plan.meta.language).text).toBe('Kế hoạch chung')
    }
  })

  it('is found by search in every language', () => {
    const { doc, id } = planWithAction()
    must(setTranslation(doc, { target: { kind: 'action', id }, language: 'id', field: 'summary', text: 'Layanan pengaduan multibahasa' }))
    const plan = readPlan(doc)
    expect(plan.actions.filter(actionMatcher(plan, { ...NO_FILTER, text: 'pengaduan' }, '2026-12-01')).map((a) => a.id)).toEqual([id])
  })

  it('refuses what is not a translation: an unknown language code, a field that is not translated, a title too long', () => {
    const { doc, id } = planWithAction()
    expect(setTranslation(doc, { target: { kind: 'action', id }, language: 'Japanese', field: 'title', text: 'x' }).ok).toBe(false)
    expect(setTranslation(doc, { target: { kind: 'plan' }, language: 'ja', field: 'description', text: 'x' }).ok).toBe(false)
    expect(setTranslation(doc, { target: { kind: 'action', id }, language: 'ja', field: 'title', text: 'x'.repeat(301) }).ok).toBe(false)
    expect(setTranslation(doc, { target: { kind: 'action', id: 'nope' }, language: 'ja', field: 'title', text: 'x' }).ok).toBe(false)
  })

  it('ignores a forged translation entry instead of failing the action', () => {
    const { doc, id } = planWithAction()
    doc.getMap<Y.Map<unknown>>('actions').get(id)!.set('tr/ja/title', { text: 42 })
    const action = readPlan(doc).actions[0]!
    expect(action.title).toBe('Multilingual hotline')
    expect(action.translations).toEqual({})
  })

  it('is in the history, attributed, like any other edit', () => {
    const { doc, id } = planWithAction()
    const log: HistoryUpdate[] = [{ seq: 1, at: 1, author: { id: 'a', name: 'Host', org: 'ILO' }, update: Y.encodeStateAsUpdate(doc) }]
    const before = Y.encodeStateVector(doc)
    must(setTranslation(doc, { target: { kind: 'action', id }, language: 'km', field: 'title', text: 'ខ្សែទូរស័ព្ទពហុភាសា' }))
    must(updatePlanMeta(doc, { title: 'Plan' }))
    log.push({ seq: 2, at: 2, author: { id: 'b', name: 'Sokha Chan', org: 'CLC' }, update: Y.encodeStateAsUpdate(doc, before) })
    const change = fieldChanges(log).find((c) => c.field === 'tr/km/title')
    expect(change).toMatchObject({ entity: 'action', entityId: id, author: { name: 'Sokha Chan' }, after: { text: 'ខ្សែទូរស័ព្ទពហុភាសា' } })
  })
})
