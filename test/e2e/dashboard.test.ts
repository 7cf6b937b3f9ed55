import { must } from '../helpers/must.js'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, addDays, addIndicator, addStakeholder, createPlan, isoDay } from '../../shared/index.js'
import { e2eFixture, SHOTS } from './fixture.js'

const fx = e2eFixture()


describe('a coordinator’s dashboard', () => {
  it('counts by area, kind, organization and country, lists what is overdue or due soon, and each number opens the actions behind it', async () => {
    const today = isoDay(new Date())
    const doc = new Y.Doc()
    const { areaIds } = must(createPlan(doc, { template: 'access-to-remedy', title: 'Corridor KH-JP' }))
    const clc = must(addStakeholder(doc, { name: 'Cambodian Labour Confederation', kind: 'workers_org', country: 'KH' })).id
    const mhlw = must(addStakeholder(doc, { name: 'MHLW', kind: 'government', country: 'JP' })).id
    must(addAction(doc, { areaId: areaIds[0]!, title: 'Hotline', owners: [clc], status: 'done', progress: 100, countries: ['KH'] }))
    must(addAction(doc, { areaId: areaIds[0]!, title: 'Complaint form', owners: [clc, mhlw], status: 'in_progress', progress: 50, due: addDays(today, -5), countries: ['KH', 'JP'] }))
    const guide = must(addAction(doc, { areaId: areaIds[0]!, title: 'Employer guide', owners: [mhlw], due: addDays(today, 10), countries: ['JP'] })).id
    must(addIndicator(doc, guide, { label: 'Guides printed', baseline: 0, current: 300, target: 1000 }))
    must(addAction(doc, { areaId: areaIds[2]!, title: 'Fee survey', status: 'blocked', origin: 'existing' }))
    await fx.seedPlan('dashboard', doc)

    const page = await fx.newPage('Kenji Sato')
    await page.goto(fx.appUrl('/plan/dashboard/dashboard'))
    await page.getByRole('heading', { name: 'Where the plan stands' }).waitFor()
    const tiles = page.locator('.tiles')
    await expect(tiles.innerText()).resolves.toMatch(/4 Actions.*1 Planned.*1 In progress.*1 Done.*1 Blocked.*0 Dropped.*1 Overdue.*1 Existing · 3 Proposed/s)

    const byArea = page.getByRole('region', { name: 'By area' })
    const grievance = byArea.getByRole('row', { name: /Grievance mechanisms/ })
    await expect(grievance.getByRole('cell').allInnerTexts()).resolves.toEqual(['3', '1', '1', '1', '0', '0', '50%', '1'])
    const byOrganization = page.getByRole('region', { name: 'By organization' })
    await expect(byOrganization.getByRole('row', { name: /MHLW/ }).getByRole('cell').first().innerText()).resolves.toBe('2')
    const due = page.getByRole('region', { name: 'Overdue and due in the next 30 days' })
    await expect(due.getByRole('listitem').allInnerTexts()).resolves.toEqual([expect.stringContaining('Complaint form'), expect.stringContaining('Employer guide')])
    await page.getByRole('region', { name: 'Indicators' }).getByRole('row', { name: /Guides printed/ }).getByText('30%').waitFor()
    await page.screenshot({ path: `${SHOTS}/dashboard-1280.png`, fullPage: true })
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    await page.screenshot({ path: `${SHOTS}/dashboard-390.png`, fullPage: true })
    await page.setViewportSize({ width: 1280, height: 800 })

    // Filters narrow every figure, as in the table.
    await page.getByLabel('Country', { exact: true }).selectOption('JP')
    await expect(tiles.innerText()).resolves.toMatch(/^2 Actions/)
    await page.getByLabel('Country', { exact: true }).selectOption('')

    await grievance.getByRole('cell').nth(2).getByRole('link').click()
    await page.getByTestId('table-count').filter({ hasText: '1 of 4 actions' }).waitFor()
    await page.locator('[role=row] a', { hasText: 'Complaint form' }).waitFor()
    await expect(page.getByLabel('Status', { exact: true }).inputValue()).resolves.toBe('in_progress')
  })
})
