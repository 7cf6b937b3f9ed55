import { launchBrowser } from '../test/helpers/browser.js'
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
      await page.getByTestId('table-count').waitFor()
      const search = page.getByLabel('Search actions')
      for (const char of ['1', '2', '3']) {
        await search.fill('')
        await page.waitForTimeout(100)
        await search.focus()
        const measured = page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              const counter = document.querySelector('[data-testid=table-count]')
              const input = document.activeElement
              if (!counter || !input) return resolve(Number.NaN)
              let t0 = 0
              const observer = new MutationObserver(() => {
                observer.disconnect()
                requestAnimationFrame(() => resolve(performance.now() - t0))
              })
              observer.observe(counter, { childList: true, subtree: true, characterData: true })
              input.addEventListener('keydown', () => (t0 = performance.now()), { once: true })
            }),
        )
        await page.keyboard.type(char)
        keystrokes.push(await measured)
      }
      await context.close()
    }
    return { boardFirstPaintMs: median(paints), filterKeystrokeMs: median(keystrokes) }
  } finally {
    await browser.close()
  }
}
