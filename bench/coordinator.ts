import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { seedLargePlan } from '../test/helpers/seed.js'
import { launchBrowser } from '../test/helpers/browser.js'
import { waitFor } from '../test/helpers/wait.js'
import { seedPlan } from './largePlan.js'
import { startJointPlan } from './processes.js'
import { timeChange, timed } from './pageTiming.js'
import { median } from './stats.js'

export interface CoordinatorFigures {
  /** From navigation to the figures of every plan shown: commitments across plans, on a device that holds none of them yet. */
  commitmentsFirstMs: number
  /** The same on reopening the app, the plans stored on the device (a coordinator's every day). */
  commitmentsAgainMs: number
  commitmentsFilterMs: number
  /** One plan's dashboard, first figures and a filter change. */
  dashboardFirstMs: number
  dashboardFilterMs: number
  /** From the click to the workbook handed to the browser, for the large plan. */
  xlsxExportMs: number
}

/**
 * The coordinator's views in Chromium, on a server of their own: `plans` plans of `actions`
 * actions each (seeded through real clients), opened by the host's token; then the Excel
 * export of a plan of `largeActions` actions, seeded once the views are measured.
 */
export const measureCoordinator = async (staticDir: string, plans: number, actions: number, largeActions: number, repeats: number): Promise<CoordinatorFigures> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jointplan-bench-coordinator-'))
  const server = await startJointPlan(dataDir, staticDir)
  try {
    // The host's token is written just after the server says it listens.
    const tokenFile = join(dataDir, 'local-owner.token')
    await waitFor('the host token', () => existsSync(tokenFile), 10_000)
    const host = readFileSync(tokenFile, 'utf8').trim()
    const { doc } = seedLargePlan(actions)
    for (let i = 0; i < plans; i++) await seedPlan(server.url, `plan/coord-${i}`, host, doc, actions)
    // A plan is listed once the server has read its title (a large first upload: at its first
    // checkpoint); the views are measured on a server that lists them all.
    await waitFor('the server lists every plan', async () => (await listedPlans(server.url, host)) >= plans, 300_000)
    const views = await measureViews(server.url.replace('ws://', 'http://'), host, plans, actions, repeats)
    await seedPlan(server.url, 'plan/export', host, seedLargePlan(largeActions).doc, largeActions)
    return { ...views, xlsxExportMs: await measureExport(server.url.replace('ws://', 'http://'), host, repeats) }
  } finally {
    await server.stop()
  }
}

const listedPlans = async (url: string, token: string): Promise<number> => {
  const res = await fetch(`${url.replace('ws://', 'http://')}/api/plans`, { headers: { authorization: `Bearer ${token}` } })
  return ((await res.json()) as { plans: unknown[] }).plans.length
}

const measureViews = async (origin: string, host: string, plans: number, actions: number, repeats: number): Promise<Omit<CoordinatorFigures, 'xlsxExportMs'>> => {
  const browser = await launchBrowser()
  const figures = { commitmentsFirstMs: [] as number[], commitmentsAgainMs: [] as number[], commitmentsFilterMs: [] as number[], dashboardFirstMs: [] as number[], dashboardFilterMs: [] as number[] }
  try {
    for (let r = 0; r < repeats; r++) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
      const page = await context.newPage()
      await page.goto(`${origin}/#/?token=${host}`)
      await page.getByRole('heading', { name: 'Your plans' }).waitFor({ timeout: 60_000 })
      const count = page.getByTestId('commitments-count')
      // Every action of every plan has one owner and is open unless done or dropped: the count settles once all are read.
      const open = new Intl.NumberFormat('en').format(plans * Math.round(actions * 0.6))
      figures.commitmentsFirstMs.push(
        await timed(page, () => page.goto(`${origin}/#/commitments`).then(() => undefined), () => count.filter({ hasText: new RegExp(`^${open} `) }).waitFor({ timeout: 120_000 })),
      )
      figures.commitmentsFilterMs.push(await timeChange(page, '[data-testid=commitments-count]', () => page.getByLabel(/^Only overdue/).check()))
      figures.commitmentsAgainMs.push(
        await timed(page, () => page.reload().then(() => undefined), () => count.filter({ hasText: new RegExp(`^${open} `) }).waitFor({ timeout: 120_000 })),
      )
      const tiles = page.locator('.tiles')
      figures.dashboardFirstMs.push(
        await timed(page, () => page.goto(`${origin}/#/plan/coord-0/dashboard`).then(() => undefined), () => tiles.filter({ hasText: `${actions} Actions` }).waitFor({ timeout: 60_000 })),
      )
      figures.dashboardFilterMs.push(await timeChange(page, '.tiles', () => page.getByLabel('Status', { exact: true }).selectOption('done').then(() => undefined)))
      await context.close()
    }
  } finally {
    await browser.close()
  }
  return { commitmentsFirstMs: median(figures.commitmentsFirstMs), commitmentsAgainMs: median(figures.commitmentsAgainMs), commitmentsFilterMs: median(figures.commitmentsFilterMs), dashboardFirstMs: median(figures.dashboardFirstMs), dashboardFilterMs: median(figures.dashboardFilterMs) }
}

const measureExport = async (origin: string, host: string, repeats: number): Promise<number> => {
  const browser = await launchBrowser()
  const times: number[] = []
  try {
    for (let r = 0; r < repeats; r++) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
      const page = await context.newPage()
      await page.goto(`${origin}/#/plan/export/table?token=${host}`)
      await page.getByTestId('table-count').filter({ hasText: /^([1-9]\d*) of \1 actions$/ }).waitFor({ timeout: 120_000 })
      times.push(await timed(page, async () => void (await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: 'Excel (.xlsx)' }).click()])), async () => undefined))
      await context.close()
    }
  } finally {
    await browser.close()
  }
  return median(times)
}
