import { must } from '../helpers/must.js'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, addDays, addStakeholder, createPlan, isoDay } from '../../shared/index.js'
import { e2eFixture, SHOTS } from './fixture.js'

const fx = e2eFixture()


describe('commitments across plans', () => {
  it('shows what each organization owes in every plan, overdue first, grouped by organization or country, each row opening its action', async () => {
    const today = isoDay(new Date())
    const seed = async (planId: string, title: string, actions: { title: string; due?: string; status?: 'planned' | 'done'; owner: 'clc' | 'mhlw' }[]) => {
      const doc = new Y.Doc()
      const { areaIds } = must(createPlan(doc, { template: 'access-to-remedy', title }))
      const owners = {
        clc: must(addStakeholder(doc, { name: 'Cambodian Labour Confederation', kind: 'workers_org', country: 'KH' })).id,
        mhlw: must(addStakeholder(doc, { name: 'MHLW', kind: 'government', country: 'JP' })).id,
      }
      for (const a of actions) must(addAction(doc, { areaId: areaIds[0]!, title: a.title, owners: [owners[a.owner]], status: a.status ?? 'planned', ...(a.due ? { due: a.due } : {}) }))
      await fx.seedPlan(planId, doc)
    }
    await seed('corridor-kh', 'Corridor KH-JP', [
      { title: 'Hotline in Khmer', due: addDays(today, -3), owner: 'clc' },
      { title: 'Finished survey', status: 'done', owner: 'clc' },
      { title: 'Employer guide', due: addDays(today, 90), owner: 'mhlw' },
    ])
    await seed('corridor-vn', 'Corridor VN-JP', [{ title: 'Pre-departure briefing', due: addDays(today, 12), owner: 'clc' }, { title: 'Legal aid roster', owner: 'clc' }])

    const page = await fx.newPage('Kenji Sato')
    await page.goto(fx.appUrl('/'))
    await page.getByRole('link', { name: 'Commitments across plans' }).click()
    await page.getByTestId('commitments-count').filter({ hasText: '4 commitments' }).waitFor()
    const clc = page.getByRole('region', { name: 'Cambodian Labour Confederation' })
    await expect(clc.getByRole('listitem').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^Hotline in Khmer · Corridor KH-JP · Planned · Overdue · Due/),
      expect.stringMatching(/^Pre-departure briefing · Corridor VN-JP/),
      expect.stringMatching(/^Legal aid roster · Corridor VN-JP · Planned · No due date/),
    ])
    await page.screenshot({ path: `${SHOTS}/commitments-1280.png`, fullPage: true })

    await page.getByLabel('Only overdue or due within 30 days').check()
    await page.getByTestId('commitments-count').filter({ hasText: '2 commitments' }).waitFor()
    await page.getByLabel('Group by').selectOption('country')
    await page.getByRole('region', { name: 'KH' }).waitFor()
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    await page.screenshot({ path: `${SHOTS}/commitments-390.png`, fullPage: true })
    await page.getByRole('link', { name: 'Pre-departure briefing' }).click()
    await page.getByRole('heading', { name: 'Pre-departure briefing' }).waitFor()
    expect(page.url()).toContain('#/plan/corridor-vn/action/')
  })

  it('a long group shows its most urgent rows first and the rest on request', async () => {
    const today = isoDay(new Date())
    const doc = new Y.Doc()
    const { areaIds } = must(createPlan(doc, { template: 'access-to-remedy', title: 'Corridor ID-JP' }))
    const owner = must(addStakeholder(doc, { name: 'Indonesian Migrant Workers Union', kind: 'workers_org', country: 'ID' })).id
    for (let i = 0; i < 30; i++) must(addAction(doc, { areaId: areaIds[1]!, title: `Village briefing ${i + 1}`, owners: [owner], due: addDays(today, i + 1) }))
    await fx.seedPlan('corridor-id', doc)

    const page = await fx.newPage('Dewi Lestari')
    await page.goto(fx.appUrl('/commitments'))
    const union = page.getByRole('region', { name: 'Indonesian Migrant Workers Union' })
    await union.getByRole('button', { name: 'Show all 30 of Indonesian Migrant Workers Union' }).waitFor()
    const titles = () => union.getByRole('link').allInnerTexts()
    expect(await titles()).toEqual(Array.from({ length: 25 }, (_, i) => `Village briefing ${i + 1}`))
    await union.getByRole('button', { name: /^Show all 30/ }).click()
    expect(await titles()).toHaveLength(30)
    expect(await union.getByRole('button', { name: /^Show all/ }).count()).toBe(0)
  })
})
