import { describe, expect, it } from 'vitest'
import { addActionInUi, createPlanInUi, e2eFixture, SHOTS } from './fixture.js'

const fx = e2eFixture()

describe('a delegate working offline', () => {
  it('edits offline, reloads offline and keeps the edits, then converges with the others on reconnect', async () => {
    const delegate = await fx.newPage('Dewi Lestari')
    const coordinator = await fx.newPage('Kenji Sato')
    const planId = await createPlanInUi(delegate, fx.appUrl(), 'Review before the meeting')
    await addActionInUi(delegate, 'Grievance mechanisms', 'Shared before going offline')
    await coordinator.goto(fx.appUrl(`/plan/${planId}`))
    await coordinator.locator('[data-testid=action-card]', { hasText: 'Shared before going offline' }).waitFor()

    // The app shell must be cached before the network goes.
    await delegate.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
    await delegate.context().setOffline(true)
    const status = delegate.getByRole('status')
    await status.filter({ hasText: 'Offline' }).waitFor()

    await addActionInUi(delegate, 'Fair and ethical recruitment', 'Written on the train')
    await status.filter({ hasText: 'Offline: 1 change not yet on the server' }).waitFor()
    await addActionInUi(delegate, 'Empowerment of migrant workers', 'Second offline note')
    await status.filter({ hasText: 'Offline: 2 changes not yet on the server' }).waitFor()
    await delegate.screenshot({ path: `${SHOTS}/offline.png` })

    await delegate.reload()
    await delegate.getByRole('heading', { level: 1, name: 'Review before the meeting' }).waitFor()
    await delegate.locator('[data-testid=action-card]', { hasText: 'Written on the train' }).waitFor()
    await delegate.locator('[data-testid=action-card]', { hasText: 'Second offline note' }).waitFor()
    await status.filter({ hasText: 'Offline: 2 changes not yet on the server' }).waitFor()

    // Meanwhile the coordinator keeps editing online.
    await addActionInUi(coordinator, 'Implementation mechanisms and enabling environments', 'Agreed in Tokyo')
    await expect(coordinator.locator('[data-testid=action-card]', { hasText: 'Written on the train' }).count()).resolves.toBe(0)

    await delegate.context().setOffline(false)
    await status.filter({ hasText: 'Synced' }).waitFor({ timeout: 10_000 })
    for (const page of [delegate, coordinator]) {
      for (const title of ['Shared before going offline', 'Written on the train', 'Second offline note', 'Agreed in Tokyo']) {
        await page.locator('[data-testid=action-card]', { hasText: title }).waitFor({ timeout: 5_000 })
      }
    }
  })

  it('opens offline in Khmer for the first time with the Khmer font, and keeps Japanese once chosen', async () => {
    const planId = await (async () => {
      const page = await fx.newPage('Dara Sok')
      return createPlanInUi(page, fx.appUrl(), 'Plan for the field')
    })()
    const delegate = await fx.newPage('Dara Sok')
    await delegate.goto(fx.appUrl(`/plan/${planId}`))
    await delegate.locator('.board-column').first().waitFor()
    await delegate.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
    const kept = (family: string) =>
      delegate.evaluate(async (family) => {
        const { fonts } = (await (await fetch('./precache.json')).json()) as { fonts: Record<string, string[]> }
        const names = await caches.keys()
        const cache = await caches.open(names[0]!)
        const hits = await Promise.all((fonts[family] ?? []).map((url) => cache.match(url)))
        return hits.length > 0 && hits.every(Boolean)
      }, family)
    await expect.poll(() => kept('noto-sans-khmer'), { timeout: 10_000 }).toBe(true)
    // Nothing in this profile has drawn Khmer yet: the font comes from the install, not from use.
    await delegate.context().setOffline(true)
    await delegate.getByLabel('Language').selectOption('km')
    await delegate.getByRole('link', { name: 'ក្តារ' }).waitFor()
    await delegate.reload()
    await delegate.getByRole('link', { name: 'ក្តារ' }).waitFor()
    const khmer = await delegate.evaluate(async () => {
      const faces = await document.fonts.load('16px "Noto Sans Khmer"', 'ក្តារ')
      return faces.map((face) => face.status)
    })
    expect(khmer.length).toBeGreaterThan(0)
    expect(khmer.every((status) => status === 'loaded')).toBe(true)
    await delegate.screenshot({ path: `${SHOTS}/offline-khmer.png` })

    await delegate.context().setOffline(false)
    expect(await kept('noto-sans-jp')).toBe(false)
    await delegate.getByLabel('ភាសា', { exact: true }).selectOption('ja')
    await expect.poll(() => kept('noto-sans-jp'), { timeout: 30_000 }).toBe(true)
  })
})
