import type { Page } from 'playwright-core'

/**
 * From the first of `startOn` (a control's click, change or input by default; a keystroke's
 * keydown) to the first paint after `selector`'s text changed, timed inside the page (the
 * test driver's own round trips are not the view's time). The listeners are in place before
 * `act`: an event they missed would time the previous change instead.
 */
export const timeChange = async (page: Page, selector: string, act: () => Promise<void>, startOn: readonly string[] = ['click', 'change', 'input']): Promise<number> => {
  const measured = await page.evaluateHandle(({ selector, startOn }) => {
    const target = document.querySelector(selector)
    if (!target) return { done: Promise.resolve(Number.NaN) }
    return {
      done: new Promise<number>((resolve, reject) => {
        setTimeout(() => reject(new Error(`${selector} did not change within 60 s`)), 60_000)
        let t0 = 0
        const observer = new MutationObserver(() => {
          if (t0 === 0) return
          observer.disconnect()
          requestAnimationFrame(() => resolve(performance.now() - t0))
        })
        observer.observe(target, { childList: true, subtree: true, characterData: true })
        for (const type of startOn) {
          document.addEventListener(type, () => {
            if (t0 === 0) t0 = performance.now()
          }, { capture: true, once: true })
        }
      }),
    }
  }, { selector, startOn })
  await act()
  return measured.evaluate((m) => m.done)
}

/** Time from `act` to `done` resolving in the page, in the page's clock (from its time origin, so a reload in between counts). */
export const timed = async (page: Page, act: () => Promise<void>, done: () => Promise<void>): Promise<number> => {
  const now = () => page.evaluate(() => performance.timeOrigin + performance.now())
  const t0 = await now()
  await act()
  await done()
  return (await now()) - t0
}
