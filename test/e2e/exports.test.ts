import { must } from '../helpers/must.js'
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, addStakeholder, createPlan } from '../../shared/index.js'
import { e2eFixture, SHOTS } from './fixture.js'

const fx = e2eFixture()


const downloaded = async (page: Page, button: string): Promise<{ name: string; bytes: Buffer }> => {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()])
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) }
}

describe('exports a coordinator takes to a meeting', () => {
  it('downloads the plan as CSV, as an Excel workbook (a sheet per area, dates as dates, no formulas) and its due dates as a calendar', async () => {
    const doc = new Y.Doc()
    const { areaIds } = must(createPlan(doc, { template: 'access-to-remedy', title: 'Kế hoạch chung 2027' }))
    const clc = must(addStakeholder(doc, { name: 'Cambodian Labour Confederation', kind: 'workers_org', country: 'KH' })).id
    must(addAction(doc, { areaId: areaIds[0]!, title: 'ខ្សែទូរស័ព្ទពហុភាសា', owners: [clc], due: '2027-03-31', status: 'in_progress' }))
    must(addAction(doc, { areaId: areaIds[2]!, title: '=cmd|" /C calc"!A0' }))
    await fx.seedPlan('exports', doc)

    const page = await fx.newPage('Kenji Sato')
    await page.goto(fx.appUrl('/plan/exports/table'))
    await page.getByTestId('table-count').filter({ hasText: '2 of 2 actions' }).waitFor()

    const csv = await downloaded(page, 'CSV')
    expect(csv.name).toBe('Kế-hoạch-chung-2027.csv')
    const text = csv.bytes.toString('utf8')
    expect(text).toContain('ខ្សែទូរស័ព្ទពហុភាសា')
    expect(text).toContain(`"'=cmd|"" /C calc""!A0"`)

    const xlsx = await downloaded(page, 'Excel (.xlsx)')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(new Uint8Array(xlsx.bytes).buffer)
    // Sheet names are cut to what Excel accepts.
    expect(book.worksheets.map((s) => s.name)).toEqual(['Summary', 'Grievance mechanisms', 'Empowerment of migrant worke', 'Fair and ethical recruitment', 'Implementation mechanisms an'])
    const summary = book.worksheets[0]!
    expect(summary.getRow(2).values).toEqual([undefined, 'Grievance mechanisms', 1, 0, 1, 0, 0, 0])
    const grievance = book.worksheets[1]!
    expect(grievance.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const headings = (grievance.getRow(1).values as unknown[]).slice(1)
    const row = grievance.getRow(2)
    const cell = (heading: string) => row.getCell(headings.indexOf(heading) + 1).value
    expect(cell('Title')).toBe('ខ្សែទូរស័ព្ទពហុភាសា')
    expect(cell('Status')).toBe('In progress')
    expect(cell('Due')).toEqual(new Date('2027-03-31T00:00:00Z'))
    const formula = book.worksheets[3]!.getRow(2).getCell(headings.indexOf('Title') + 1)
    expect(formula.type).toBe(ExcelJS.ValueType.String)
    expect(formula.value).toBe(`'=cmd|" /C calc"!A0`)

    const ics = (await downloaded(page, 'Due dates (.ics)')).bytes.toString('utf8')
    expect(ics).toContain('DTSTART;VALUE=DATE:20270331')
    expect(ics).toContain('SUMMARY:ខ្សែទូរស័ព្ទពហុភាសា')
  })

  it('imports an exported workbook into another plan, and refuses a file with a bad row, naming the row', async () => {
    const seed = async (planId: string, template: 'access-to-remedy' | 'blank', withActions: boolean) => {
      const doc = new Y.Doc()
      const { areaIds } = must(createPlan(doc, { template, title: planId }))
      const clc = must(addStakeholder(doc, { name: 'Cambodian Labour Confederation', kind: 'workers_org', country: 'KH' })).id
      if (withActions) {
        must(addAction(doc, { areaId: areaIds[0]!, title: 'ខ្សែទូរស័ព្ទពហុភាសា', owners: [clc], due: '2027-03-31', status: 'in_progress' }))
        must(addAction(doc, { areaId: areaIds[2]!, title: 'ค่าธรรมเนียมเป็นศูนย์', priority: 'high' }))
      }
      await fx.seedPlan(planId, doc)
    }
    await seed('import-src', 'access-to-remedy', true)
    await seed('import-dst', 'blank', false)
    const page = await fx.newPage('Kenji Sato')
    await page.goto(fx.appUrl('/plan/import-src/table'))
    await page.getByTestId('table-count').filter({ hasText: '2 of 2 actions' }).waitFor()
    const workbook = await downloaded(page, 'Excel (.xlsx)')

    await page.goto(fx.appUrl('/plan/import-dst/table'))
    await page.getByTestId('table-count').filter({ hasText: '0 of 0 actions' }).waitFor()
    await page.getByText('Import actions').click()
    const file = page.getByLabel('A CSV or Excel file')
    await file.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('Area,Title,Due\nLegal aid,Hotline,2027-02-30\n') })
    await page.getByRole('alert').getByText('Row 2, Due: “2027-02-30” is not a date: write it as YYYY-MM-DD.').waitFor()
    await expect(page.getByRole('button', { name: /^Import \d/ }).count()).resolves.toBe(0)
    await page.screenshot({ path: `${SHOTS}/import-refused-1280.png`, fullPage: true })
    await page.setViewportSize({ width: 390, height: 844 })
    await page.screenshot({ path: `${SHOTS}/import-refused-390.png`, fullPage: true })
    await page.setViewportSize({ width: 1280, height: 800 })

    await file.setInputFiles({ name: workbook.name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: workbook.bytes })
    await page.getByText('2 actions ready to import').waitFor()
    await page.getByRole('button', { name: 'Import 2 actions' }).click()
    await page.getByText('2 actions imported.').waitFor()
    await page.getByTestId('table-count').filter({ hasText: '2 of 2 actions' }).waitFor()
    await page.getByRole('link', { name: 'Board', exact: true }).click()
    await page.locator('.board-column', { hasText: 'Grievance mechanisms' }).locator('.action-card', { hasText: 'ខ្សែទូរស័ព្ទពហុភាសា' }).getByText('Cambodian Labour Confederation').waitFor()
  })
})
