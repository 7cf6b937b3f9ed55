import { must } from '../helpers/must.js'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { dueDatesCalendar } from '../../shared/exports/calendar.js'
import { actionSheets, addAction, addStakeholder, createPlan, neutralize, readPlan, toCsv } from '../../shared/index.js'


const labels = { language: 'en', code: (kind: string, value: string) => `${kind}:${value}` }

describe('action exports', () => {
  const doc = new Y.Doc()
  const { areaIds } = must(createPlan(doc, { template: 'access-to-remedy' }))
  const clc = must(addStakeholder(doc, { name: 'Cambodian Labour Confederation', kind: 'workers_org', country: 'KH' })).id
  must(addAction(doc, { areaId: areaIds[0]!, title: 'ខ្សែទូរស័ព្ទ, "hotline"', owners: [clc], due: '2027-03-31', progress: 40 }))
  must(addAction(doc, { areaId: areaIds[0]!, title: '=HYPERLINK("http://evil")', summary: '+1 line\nsecond' }))
  must(addAction(doc, { areaId: areaIds[2]!, title: 'ค่าธรรมเนียมเป็นศูนย์ 手数料ゼロ Không thu phí' }))
  const plan = readPlan(doc)

  it('gives one sheet per area in board order, each cell as read', () => {
    const sheets = actionSheets(plan, labels)
    expect(sheets.map((s) => s.rows.length)).toEqual([2, 0, 1, 0])
    expect(sheets[0]!.rows[0]).toMatchObject({ owners: 'Cambodian Labour Confederation', status: 'status:planned', due: { day: '2027-03-31' }, progress: 40 })
  })

  it('neutralizes every cell a spreadsheet would run as a formula', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(neutralize(text)).toBe(`'${text}`)
    expect(neutralize('Hotline = help')).toBe('Hotline = help')
  })

  it('writes CSV that quotes, keeps every script, and never starts a cell with a formula', () => {
    const rows = actionSheets(plan, labels).flatMap((s) => s.rows.map((r) => [r.title, r.summary, r.due]))
    const csv = toCsv(['Title', 'Summary', 'Due'], rows)
    expect(csv.startsWith('\uFEFFTitle,Summary,Due\r\n')).toBe(true)
    expect(csv).toContain('"ខ្សែទូរស័ព្ទ, ""hotline""",,2027-03-31\r\n')
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")","'+1 line\nsecond",\r\n`)
    expect(csv).toContain('ค่าธรรมเนียมเป็นศูนย์ 手数料ゼロ Không thu phí')
  })

  it('writes due dates as all-day events with the action as their id', () => {
    const ics = dueDatesCalendar(plan, 'en', () => 'Owner: CLC')
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1)
    expect(ics).toContain('DTSTART;VALUE=DATE:20270331')
    expect(ics).toMatch(/UID:[A-Za-z0-9_-]+@jointplan/)
  })
})
