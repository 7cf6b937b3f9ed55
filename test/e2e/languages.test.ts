import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seedLargePlan } from '../helpers/seed.js'
import { e2eFixture, SHOTS } from './fixture.js'

const fx = e2eFixture()
const dir = fileURLToPath(new URL('../../shared/messages', import.meta.url))
const load = (code: string) => JSON.parse(readFileSync(`${dir}/${code}.json`, 'utf8')) as Record<string, unknown>
const flatten = (node: Record<string, unknown>, prefix = ''): [string, string][] =>
  Object.entries(node).flatMap(([key, value]) =>
    typeof value === 'string' ? [[prefix + key, value] as [string, string]] : flatten(value as Record<string, unknown>, `${prefix}${key}.`),
  )
const english = new Map(flatten(load('en')))
const languages = readdirSync(dir).map((f) => f.replace('.json', '')).filter((code) => code !== 'en').sort()

/** What a reader would see as left untranslated: a catalogue key, or an English sentence that has a translation. */
const leftovers = async (page: Page, code: string): Promise<string[]> => {
  const text = await page.locator('body').innerText()
  const translated = new Map(flatten(load(code)))
  const keys = [...english.keys()].filter((key) => text.includes(key))
  const sentences = [...english]
    .filter(([key, en]) => !/[{}]/.test(en) && en.split(' ').length >= 2 && translated.get(key) !== en)
    .map(([, en]) => en)
    .filter((en) => text.includes(en))
  return [...keys, ...sentences]
}

const shoot = async (page: Page, name: string) => {
  await page.screenshot({ path: `${SHOTS}/lang-${name}-1280.png`, fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.screenshot({ path: `${SHOTS}/lang-${name}-390.png`, fullPage: true })
  await page.setViewportSize({ width: 1280, height: 800 })
}

describe('the interface in each language', () => {
  it('starts in the browser’s language and keeps the one a person chooses', async () => {
    const page = await fx.newPage('Sokha Chan', undefined, undefined, '')
    await page.context().clearCookies()
    await page.evaluate(() => localStorage.removeItem('jointplan.language')).catch(() => undefined)
    await page.goto(fx.appUrl('/'))
    await page.getByRole('heading', { name: 'Your plans' }).waitFor()
    // Readable where it sits: on the plans page's coloured bar, its text is not the bar's white.
    const colours = await page.getByLabel('Language', { exact: true }).evaluate((el) => ({ text: getComputedStyle(el).color, background: getComputedStyle(el).backgroundColor }))
    expect(colours.text).not.toBe(colours.background)
    const names = await page.getByLabel('Language', { exact: true }).locator('option').allTextContents()
    expect(names).toEqual(expect.arrayContaining(['English', '日本語', 'Tiếng Việt', 'Bahasa Indonesia', 'ភាសាខ្មែរ', 'Filipino', 'ไทย']))
    await page.getByLabel('Language', { exact: true }).selectOption('km')
    const khmer = load('km') as { plans: { heading: string } }
    await page.getByRole('heading', { name: khmer.plans.heading }).waitFor()
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('km')
    await page.reload()
    await page.getByRole('heading', { name: khmer.plans.heading }).waitFor()
  })

  it.each(languages)('%s: plans, board, action and table with nothing left in English', async (code) => {
    const planId = `lang-${code}`
    const { doc } = seedLargePlan(8)
    await fx.seedPlan(planId, doc)
    const page = await fx.newPage('Ana Reyes', undefined, undefined, code)
    const messages = new Map(flatten(load(code)))

    await page.goto(fx.appUrl('/'))
    await page.getByRole('heading', { name: messages.get('plans.heading') }).waitFor()
    expect(await leftovers(page, code)).toEqual([])
    await shoot(page, `${code}-plans`)

    await page.goto(fx.appUrl(`/plan/${planId}`))
    await page.locator('[data-testid=action-card]').first().waitFor()
    expect(await leftovers(page, code)).toEqual([])
    await shoot(page, `${code}-board`)

    await page.locator('[data-testid=action-card]').first().click()
    await page.getByRole('heading', { name: messages.get('action.indicators') }).waitFor()
    await page.getByTestId('description-editor').waitFor()
    expect(await leftovers(page, code)).toEqual([])
    await shoot(page, `${code}-action`)

    await page.goto(fx.appUrl(`/plan/${planId}/table`))
    await page.getByTestId('table-count').waitFor()
    expect(await leftovers(page, code)).toEqual([])
    await shoot(page, `${code}-table`)
  })
})
