import { describe, it } from 'vitest'
import { filterActions, NO_FILTER, planRoom, readPlan } from '../../shared/index.js'
import { connectClient, synced, tokenFor } from '../helpers/server.js'
import { seedLargePlan } from '../helpers/seed.js'
import { waitFor } from '../helpers/wait.js'
import { e2eFixture, SHOTS } from './fixture.js'

const fx = e2eFixture()
const ACTIONS = 5_000

describe('a coordinator’s large plan', () => {
  it(`opens a ${ACTIONS}-action plan and filters the table`, async () => {
    const { doc } = seedLargePlan(ACTIONS)
    const token = await tokenFor(fx.server(), planRoom('large'))
    const writer = connectClient(fx.server().url, planRoom('large'), token, doc)
    const reader = connectClient(fx.server().url, planRoom('large'), token)
    try {
      await synced(writer, 20_000)
      await synced(reader, 20_000)
      await waitFor('the server holds the plan', () => readPlan(reader.doc).actions.length === ACTIONS, 20_000)
    } finally {
      writer.destroy()
      reader.destroy()
    }

    const page = await fx.newPage('Kenji Sato', { width: 1920, height: 1080 })
    await page.goto(fx.appUrl('/plan/large'))
    await page.getByRole('heading', { level: 1, name: `Large plan (${ACTIONS} actions)` }).waitFor({ timeout: 30_000 })
    await page.locator('[data-testid=action-card]').first().waitFor({ timeout: 30_000 })

    await page.getByRole('link', { name: 'Table' }).click()
    await page.getByText(`${ACTIONS} of ${ACTIONS} actions`).waitFor({ timeout: 30_000 })
    const plan = readPlan(doc)
    const expected = filterActions(plan, { ...NO_FILTER, text: 'recruitment fees in ID' }, '2026-12-01').length
    await page.getByLabel('Search actions').fill('recruitment fees in ID')
    await page.getByText(`${expected} of ${ACTIONS} actions`).waitFor()
    await page.getByLabel('Status', { exact: true }).selectOption('done')
    const done = filterActions(plan, { ...NO_FILTER, text: 'recruitment fees in ID', status: 'done' }, '2026-12-01').length
    await page.getByText(`${done} of ${ACTIONS} actions`).waitFor()
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await page.getByText(`${ACTIONS} of ${ACTIONS} actions`).waitFor()
    await page.getByRole('button', { name: 'Sort by Due' }).click()
    await page.screenshot({ path: `${SHOTS}/table.png` })
  }, 120_000)
})
