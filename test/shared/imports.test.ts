import { must } from '../helpers/must.js'
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import type { TFunction } from 'i18next'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  actionSheets, addAction, addIndicator, addStakeholder, applyImport, createPlan, EXPORT_COLUMNS, EXPORT_HEADING_KEYS, guessMapping, planImport, readPlan,
  toCsv, vocabularyFrom, type PlanView,
} from '../../shared/index.js'
import { workbookBytes } from '../../renderer/exports/planExports.js'
import { MAX_IMPORT_BYTES, tableFromCsv, tableFromFile, tableFromXlsx, UnreadableFile } from '../../renderer/imports/readTable.js'

const catalogue = (code: string) => JSON.parse(readFileSync(new URL(`../../shared/messages/${code}.json`, import.meta.url), 'utf8')) as Record<string, unknown>
const lookup = (cat: Record<string, unknown>, key: string): string => key.split('.').reduce<unknown>((n, part) => (n as Record<string, unknown>)[part], cat) as string
const speakerIn = (code: string) => ({ t: ((key: string) => lookup(catalogue(code), key)) as unknown as TFunction, language: code })
const vocabulary = vocabularyFrom(['en', 'ja', 'km', 'th', 'vi', 'id', 'fil'].map(catalogue))
const score = (headings: string[]) => Object.keys(guessMapping(headings, vocabulary)).length


const withDirectory = (doc: Y.Doc, template: 'access-to-remedy' | 'blank') => {
  const created = must(createPlan(doc, { template, title: 'Corridor KH-JP' }))
  const ids = ['Cambodian Labour Confederation', 'MHLW', 'Hội Liên hiệp Phụ nữ'].map((name, i) => must(addStakeholder(doc, { name, kind: i === 1 ? 'government' : 'workers_org', country: ['KH', 'JP', 'VN'][i]! })).id)
  return { areaIds: created.areaIds, ids }
}

const source = (): PlanView => {
  const doc = new Y.Doc()
  const { areaIds, ids } = withDirectory(doc, 'access-to-remedy')
  const hotline = must(addAction(doc, {
    areaId: areaIds[0]!, title: 'ខ្សែទូរស័ព្ទពហុភាសា', origin: 'existing', status: 'in_progress', progress: 40, owners: [ids[0]!], partners: [ids[1]!, ids[2]!],
    countries: ['KH', 'JP'], start: '2026-01-10', due: '2027-03-31', priority: 'high', pillar: 'remedy', summary: 'Staffed, "every" day; in five languages',
  })).id
  must(addIndicator(doc, hotline, { label: 'Calls answered', unit: 'calls', baseline: 0, current: 450, target: 1200 }))
  must(addIndicator(doc, hotline, { label: 'Languages', baseline: null, current: 3, target: 5 }))
  must(addAction(doc, { areaId: areaIds[2]!, title: 'ค่าธรรมเนียมเป็นศูนย์ 手数料ゼロ', status: 'done', progress: 100, owners: [ids[1]!] }))
  must(addAction(doc, { areaId: areaIds[3]!, title: '=SUM(A1:A9) Không thu phí', status: 'blocked' }))
  return readPlan(doc)
}

/** What a person sees of each action: equal plans read the same, whatever their ids. */
const content = (plan: PlanView) => {
  const names = new Map(plan.stakeholders.map((s) => [s.id, s.name]))
  const areas = new Map(plan.areas.map((a) => [a.id, a.title]))
  return plan.actions.map((a) => ({
    area: areas.get(a.areaId), title: a.title, origin: a.origin, status: a.status, progress: a.progress, owners: a.owners.map((id) => names.get(id)),
    partners: a.partners.map((id) => names.get(id)), countries: a.countries, start: a.start, due: a.due, priority: a.priority, pillar: a.pillar, summary: a.summary,
    indicators: a.indicators.map(({ label, unit, baseline, current, target }) => ({ label, unit, baseline, current, target })),
  }))
}

const importInto = (table: Awaited<ReturnType<typeof tableFromXlsx>>) => {
  const doc = new Y.Doc()
  withDirectory(doc, 'blank')
  const plan = readPlan(doc)
  const planned = planImport(plan, table, guessMapping(table.headings, vocabulary), vocabulary)
  expect(planned.rejected).toEqual([])
  must(applyImport(doc, planned))
  return readPlan(doc)
}

describe('importing what was exported', () => {
  const plan = source()

  it('gives back an equal plan from CSV, in Khmer headings and labels', () => {
    const { t, language } = speakerIn('km')
    const sheets = actionSheets(plan, { language, code: (kind, value) => t(`${kind}.${value}`) })
    const csv = toCsv(EXPORT_COLUMNS.map((c) => t(EXPORT_HEADING_KEYS[c])), sheets.flatMap((s) => s.rows.map((r) => EXPORT_COLUMNS.map((c) => r[c]))))
    const imported = importInto(tableFromCsv(csv))
    expect(content(imported)).toEqual(content(plan))
  })

  it('gives back an equal plan from the Excel workbook', async () => {
    const imported = importInto(await tableFromXlsx(await workbookBytes(plan, speakerIn('en')), score))
    expect(content(imported)).toEqual(content(plan))
  })
})

describe('importing a file that is wrong', () => {
  const target = () => {
    const doc = new Y.Doc()
    withDirectory(doc, 'blank')
    return doc
  }
  const reasons = (csv: string) => {
    const doc = target()
    const table = tableFromCsv(csv)
    const planned = planImport(readPlan(doc), table, guessMapping(table.headings, vocabulary), vocabulary)
    const before = Y.encodeStateVector(doc)
    expect(applyImport(doc, planned).ok).toBe(planned.rejected.length === 0)
    if (planned.rejected.length > 0) expect(Y.encodeStateVector(doc)).toEqual(before)
    return planned.rejected.map((r) => [r.row, r.column, r.issue.rule.key])
  }

  it('says which row, which column and why, and changes nothing', () => {
    expect(reasons('Area,Title,Due,Owners,Status\nLegal aid,Hotline,2027-02-30,Nobody Inc,Finished\nLegal aid,,31/12/2027,,\n')).toEqual([
      [2, 'Status', 'unknownValue'], [2, 'Owners', 'unknownOrganization'], [2, 'Due', 'date'],
      [3, 'Due', 'date'], [3, 'Title', 'required'],
    ])
  })

  it('refuses columns it cannot place: without a title every row is refused', () => {
    expect(reasons('Foo,Bar\n1,2\n3,4\n')).toEqual([[2, 'title', 'required'], [2, 'area', 'required'], [3, 'title', 'required'], [3, 'area', 'required']])
  })

  it('refuses an empty file, a file too large and a workbook that is not one, before reading rows', async () => {
    await expect(tableFromFile('plan.csv', new ArrayBuffer(0), score)).rejects.toBeInstanceOf(UnreadableFile)
    await expect(tableFromFile('plan.csv', new ArrayBuffer(MAX_IMPORT_BYTES + 1), score)).rejects.toBeInstanceOf(UnreadableFile)
    const garbage = new Uint8Array(2 * 1024 * 1024).map((_, i) => (i * 7919) % 251)
    await expect(tableFromFile('plan.xlsx', garbage.buffer, score)).rejects.toBeInstanceOf(UnreadableFile)
  })

  it('refuses a formula in every cell of a workbook', async () => {
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('Actions')
    sheet.addRow(['Area', 'Title', 'Due'])
    sheet.addRow([{ formula: '1+1' }, { formula: 'HYPERLINK("http://x")' }, { formula: 'TODAY()' }])
    const table = await tableFromXlsx((await book.xlsx.writeBuffer()) as ArrayBuffer, score)
    const doc = target()
    const planned = planImport(readPlan(doc), table, guessMapping(table.headings, vocabulary), vocabulary)
    expect(planned.rejected.filter((r) => r.issue.rule.key === 'formula').map((r) => r.column)).toEqual(['Area', 'Title', 'Due'])
    expect(applyImport(doc, planned).ok).toBe(false)
  })
})
