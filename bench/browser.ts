import { launchBrowser } from '../test/helpers/browser.js'
import { timeChange } from './pageTiming.js'
import { median } from './stats.js'

export interface UiFigures {
  boardFirstPaintMs: number
  filterKeystrokeMs: number
}

/**
 * In Chromium: from navigation to the first action card of the board, and from a keystroke
 * in the table's search box to the filtered table's count changing.
 */
export const measureUi = async (httpOrigin: string, planId: string, token: string, repeats: number): Promise<UiFigures> => {
  const browser = await launchBrowser()
  try {
    const paints: number[] = []
    const keystrokes: number[] = []
    for (let i = 0; i < repeats; i++) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
      const page = await context.newPage()
      await page.goto(`${httpOrigin}/#/plan/${planId}?token=${token}`)
      await page.locator('[data-testid=action-card]').first().waitFor({ timeout: 60_000 })
      paints.push(await page.evaluate(() => performance.now()))
      await page.getByRole('link', { name: 'Table' }).click()
      const counter = page.getByTestId('table-count')
      await counter.waitFor()
      const unfiltered = await counter.textContent()
      const search = page.getByLabel('Search actions')
      for (const char of ['1', '2', '3']) {
        await search.fill('')
        // Wait until clearing it has shown, so that the change timed below is the keystroke's.
        await page.waitForFunction((text) => document.querySelector('[data-testid=table-count]')?.textContent === text, unfiltered, { timeout: 10_000 })
        await search.focus()
        keystrokes.push(await timeChange(page, '[data-testid=table-count]', () => page.keyboard.type(char), ['keydown']))
      }
      await context.close()
    }
    return { boardFirstPaintMs: median(paints), filterKeystrokeMs: median(keystrokes) }
  } finally {
    await browser.close()
  }
}
