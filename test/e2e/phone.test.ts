import { must } from '../helpers/must.js'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { addIndicator, addAction, createPlan } from '../../shared/index.js'
import * as Y from 'yjs'
import { column, e2eFixture, SHOTS } from './fixture.js'

const fx = e2eFixture()
const PHONE = { width: 360, height: 740 }
const LONG_WORD = 'Interministerial'.repeat(18)


/** A plan with what used to overflow a phone: indicators, a 300-character word, long area names. */
const seed = async (planId: string): Promise<string> => {
  const doc = new Y.Doc()
  const { areaIds } = must(createPlan(doc, { template: 'access-to-remedy', title: 'Phone plan' }))
  const first = must(addAction(doc, { areaId: areaIds[0]!, title: 'Joint complaint form', due: '2027-03-31' }))
  must(addAction(doc, { areaId: areaIds[0]!, title: `Second ${LONG_WORD}` }))
  must(addIndicator(doc, first.id, { label: 'Complaints referred across borders', unit: 'cases', baseline: 0, target: 120, current: 45 }))
  await fx.seedPlan(planId, doc)
  return first.id
}

const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

describe('on a phone', () => {
  it('no view scrolls sideways at 360 px, and the tabs fold into a menu', async () => {
    const actionId = await seed('phone')
    const page = await fx.newPage('Dara Sok', PHONE)
    await page.goto(fx.appUrl('/'))
    await page.getByRole('heading', { name: 'Your plans' }).waitFor()
    expect(await sidewaysScroll(page)).toBe(0)
    await page.screenshot({ path: `${SHOTS}/phone-plans.png`, fullPage: true })

    await page.goto(fx.appUrl('/plan/phone'))
    await page.locator('[data-testid=action-card]').first().waitFor()
    await expect(page.getByRole('link', { name: 'History' }).isVisible()).resolves.toBe(false)
    expect(await sidewaysScroll(page)).toBe(0)
    await page.screenshot({ path: `${SHOTS}/phone-board.png`, fullPage: true })

    for (const [tab, ready] of [
      ['Table', () => page.getByTestId('table-count').waitFor()],
      ['Stakeholders', () => page.getByRole('heading', { name: 'Stakeholders' }).waitFor()],
      ['Review', () => page.getByRole('heading', { name: 'Review' }).first().waitFor()],
      ['Dashboard', () => page.getByRole('heading', { name: 'Where the plan stands' }).waitFor()],
      ['Report', () => page.getByRole('button', { name: 'Print or save as PDF' }).waitFor()],
      ['History', () => page.getByRole('heading', { name: 'Plan timeline' }).waitFor()],
      ['Access', () => page.getByRole('heading', { name: 'Who has access' }).waitFor()],
    ] as const) {
      await page.getByRole('button', { name: /^Menu: / }).click()
      await page.getByRole('link', { name: tab, exact: true }).click()
      await ready()
      expect({ tab, sideways: await sidewaysScroll(page) }).toEqual({ tab, sideways: 0 })
      await page.screenshot({ path: `${SHOTS}/phone-${tab.toLowerCase()}.png`, fullPage: true })
    }

    await page.goto(fx.appUrl(`/plan/phone/action/${actionId}`))
    await page.getByRole('heading', { name: 'Indicators' }).waitFor()
    expect(await sidewaysScroll(page)).toBe(0)
    // The indicator's remove button sits inside its card.
    const row = await page.getByRole('group', { name: 'Complaints referred across borders' }).boundingBox()
    const remove = await page.getByRole('button', { name: 'Remove indicator Complaints referred across borders' }).boundingBox()
    expect(remove!.x + remove!.width).toBeLessThanOrEqual(row!.x + row!.width)
    // Touch targets: every control of the form is at least 44 px high.
    const heights = await page.locator('.detail-main input:visible, .detail-main select:visible, .detail-main button:visible').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height))
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44)
    await page.screenshot({ path: `${SHOTS}/phone-action.png`, fullPage: true })
  })

  it('moves a card with the move control: down, and to another area', async () => {
    await seed('phone-move')
    const page = await fx.newPage('Dara Sok', PHONE)
    await page.goto(fx.appUrl('/plan/phone-move'))
    const grievance = column(page, 'Grievance mechanisms')
    await grievance.locator('[data-testid=action-card]').first().waitFor()
    expect(await grievance.locator('[data-testid=action-card]').first().innerText()).toBe('Joint complaint form')

    const card = page.locator('.action-card', { hasText: 'Joint complaint form' })
    await card.getByText('Move', { exact: true }).click()
    await card.getByRole('button', { name: /Down/ }).click()
    await expect.poll(() => grievance.locator('[data-testid=action-card]').allInnerTexts()).toEqual([`Second ${LONG_WORD}`, 'Joint complaint form'])

    await card.getByLabel('To area').selectOption({ label: 'Fair and ethical recruitment' })
    await column(page, 'Fair and ethical recruitment').locator('.action-card', { hasText: 'Joint complaint form' }).waitFor()
    await expect(grievance.locator('.action-card', { hasText: 'Joint complaint form' }).count()).resolves.toBe(0)
    await page.screenshot({ path: `${SHOTS}/phone-move.png` })
  })
})
