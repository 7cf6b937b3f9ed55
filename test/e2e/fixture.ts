import { existsSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll } from 'vitest'
import type * as Y from 'yjs'
import type { JointPlanServer } from '../../server/index.js'
import { planRoom, readPlan } from '../../shared/index.js'
import { connectClient, synced, tokenFor } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'
import { launchBrowser } from '../helpers/browser.js'
import { startServer } from '../helpers/server.js'

const renderer = fileURLToPath(new URL('../../dist/renderer', import.meta.url))
export const SHOTS = fileURLToPath(new URL('../../test-results', import.meta.url))

/**
 * A real server serving the built renderer, and real Chromium. `npm test` builds the
 * renderer first; run `npm run build` before running these files alone.
 */
export const e2eFixture = () => {
  let browser: Browser
  let server: JointPlanServer
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    if (!existsSync(`${renderer}/index.html`)) throw new Error('dist/renderer is missing: run `npm run build` first')
    mkdirSync(SHOTS, { recursive: true })
    server = await startServer({ staticDir: renderer })
    browser = await launchBrowser()
  })
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()))
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  return {
    server: () => server,
    appUrl: (hash = '/') => `${server.url.replace('ws://', 'http://')}/#${hash}`,
    /** Puts `doc` on the server as plan `planId`, through a real client, and waits until the server holds it. */
    async seedPlan(planId: string, doc: Y.Doc): Promise<void> {
      const token = await tokenFor(server, planRoom(planId))
      const writer = connectClient(server.url, planRoom(planId), token, doc)
      const reader = connectClient(server.url, planRoom(planId), token)
      try {
        await synced(writer, 20_000)
        await synced(reader, 20_000)
        const expected = readPlan(doc).actions.length
        await waitFor('the server holds the plan', () => readPlan(reader.doc).actions.length === expected, 20_000)
      } finally {
        writer.destroy()
        reader.destroy()
      }
    },
    /**
     * A fresh browser profile (its own IndexedDB, service worker and identity) at 1280x800,
     * holding the host's token for every plan unless `token` gives it an invite instead
     * (an empty `token`: no token at all, as on the device of someone about to open a link).
     */
    async newPage(name: string, viewport = { width: 1280, height: 800 }, token?: string, language = 'en'): Promise<Page> {
      const context = await browser.newContext({ viewport, locale: 'en-GB' })
      contexts.push(context)
      const host = token !== undefined ? null : (await server.tokens.issue({ plan: '*', role: 'owner', name, org: `${name}'s org`, loopback: true })).token
      await context.addInitScript(
        ({ profile, host, invite, language }) => {
          localStorage.setItem('jointplan.profile', JSON.stringify(profile))
          if (!localStorage.getItem('jointplan.language')) localStorage.setItem('jointplan.language', language)
          const tokens = JSON.parse(localStorage.getItem('jointplan.tokens') ?? '{}') as Record<string, string>
          if (host) tokens['*'] = host
          if (invite) {
            const plan = (JSON.parse(atob(invite.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { plan: unknown }).plan
            tokens[typeof plan === 'string' ? plan : '*'] = invite
          }
          localStorage.setItem('jointplan.tokens', JSON.stringify(tokens))
        },
        { profile: { name, org: `${name}'s org` }, host, invite: token || null, language },
      )
      const page = await context.newPage()
      page.setDefaultTimeout(8_000)
      page.on('pageerror', (error) => console.error(`[${name}] page error: ${error.message}`))
      return page
    },
  }
}

/** Creates a plan from the four-area template through the UI and returns its id. */
export const createPlanInUi = async (page: Page, url: string, title: string): Promise<string> => {
  await page.goto(url)
  await page.getByLabel('Title', { exact: true }).fill(title)
  await page.getByRole('button', { name: 'Create plan' }).click()
  await page.getByRole('heading', { level: 1, name: title, exact: true }).waitFor()
  const id = /#\/plan\/([A-Za-z0-9_-]+)/.exec(page.url())?.[1]
  if (!id) throw new Error(`no plan id in ${page.url()}`)
  return id
}

export const addActionInUi = async (page: Page, area: string, title: string): Promise<void> => {
  await page.getByRole('button', { name: `Add action to ${area}` }).click()
  await page.getByLabel('Title of the new action').fill(title)
  await page.getByLabel('Title of the new action').press('Enter')
  await page.locator('[data-testid=action-card]', { hasText: title }).waitFor()
  await page.getByLabel('Title of the new action').press('Escape')
}

export const column = (page: Page, area: string) => page.locator('.board-column', { has: page.getByRole('heading', { name: area, exact: true }) })

/** Sets a date field of the action form part by part, as a person does: day, month, year. */
export const setDateInUi = async (page: Page, label: string, iso: string): Promise<void> => {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number]
  await page.getByLabel(`${label}: Day`).selectOption(String(day))
  await page.getByLabel(`${label}: Month`).selectOption(String(month))
  await page.getByLabel(`${label}: Year`).fill(String(year))
  await page.getByLabel(`${label}: Year`).press('Enter')
}
