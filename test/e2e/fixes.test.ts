import { must } from '../helpers/must.js'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, createPlan, planRoom, readPlan } from '../../shared/index.js'
import { connectClient, synced, tokenFor } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'
import { e2eFixture, setDateInUi, SHOTS } from './fixture.js'

const fx = e2eFixture()


const seed = async (planId: string, titles: string[]): Promise<string[]> => {
  const doc = new Y.Doc()
  const { areaIds } = must(createPlan(doc, { template: 'access-to-remedy', title: `Plan ${planId}` }))
  const ids = titles.map((title) => must(addAction(doc, { areaId: areaIds[0]!, title, due: '2027-01-15' })).id)
  await fx.seedPlan(planId, doc)
  return ids
}

/** The due date as the server holds it, read by a client of its own. */
const storedDue = async (planId: string, actionId: string): Promise<string | null> => {
  const client = connectClient(fx.server().url, planRoom(planId), await tokenFor(fx.server(), planRoom(planId)))
  try {
    await synced(client)
    return readPlan(client.doc).actions.find((a) => a.id === actionId)?.due ?? null
  } finally {
    client.destroy()
  }
}

const inviteToken = async (planId: string, role: 'editor' | 'commenter' | 'viewer', name: string, org: string) =>
  (await fx.server().tokens.issue({ plan: planId, role, name, org })).token

const openAsInvite = async (planId: string, token: string, profileName: string, hash = `/plan/${planId}`): Promise<Page> => {
  const page = await fx.newPage(profileName, undefined, token)
  await page.goto(fx.appUrl(`${hash}?token=${token}`))
  return page
}

describe('what participants ran into', () => {
  it('draws no frame around the view the app focuses, and still draws keyboard focus', async () => {
    const [id] = await seed('focus', ['Hotline'])
    const page = await fx.newPage('Alice Tan')
    await page.goto(fx.appUrl(`/plan/focus/action/${id}`))
    await page.waitForFunction(() => document.activeElement?.id === 'main')
    const frame = () => page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!)
      return { outline: style.outlineStyle, shadow: style.boxShadow }
    })
    expect(await frame()).toEqual({ outline: 'none', shadow: 'none' })
    await page.keyboard.press('Tab')
    expect((await frame()).outline).toBe('solid')
  })

  it('wraps a 300-character word instead of widening the board, and uses a wide screen for the detail', async () => {
    const [id] = await seed('wide', ['W'.repeat(300)])
    const page = await fx.newPage('Alice Tan')
    await page.goto(fx.appUrl('/plan/wide'))
    await page.locator('[data-testid=action-card]').first().waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(1280)
    await page.setViewportSize({ width: 1920, height: 1080 })
    await page.goto(fx.appUrl(`/plan/wide/action/${id}`))
    const grid = await page.locator('.detail-grid').first().boundingBox()
    expect(grid!.width).toBeGreaterThan(1920 * 0.9)
    await page.screenshot({ path: `${SHOTS}/detail-1920.png` })
  })

  it('never erases a due date by an impossible date or a cleared part; Clear does, on purpose', async () => {
    const [id] = await seed('dates', ['Hotline'])
    const page = await fx.newPage('Alice Tan')
    await page.goto(fx.appUrl(`/plan/dates/action/${id}`))
    await page.getByLabel('Due: Year').waitFor()
    await expect(page.getByLabel('Due: Year').inputValue()).resolves.toBe('2027')

    await page.getByLabel('Due: Day').selectOption('30')
    await page.getByLabel('Due: Month').selectOption('2')
    await page.getByRole('alert').filter({ hasText: 'February 2027 has no day 30. The saved date is unchanged.' }).waitFor()
    expect(await storedDue('dates', id!)).toBe('2027-01-15')

    await page.getByLabel('Due: Year').press('End')
    await page.getByLabel('Due: Year').press('Backspace')
    await page.getByRole('alert').filter({ hasText: 'Choose a day, a month and a year' }).waitFor()
    expect(await storedDue('dates', id!)).toBe('2027-01-15')

    await setDateInUi(page, 'Due', '2028-02-29')
    await waitFor('the new date is stored', async () => (await storedDue('dates', id!)) === '2028-02-29')
    await page.getByRole('button', { name: 'Clear' }).click()
    await waitFor('the date is cleared', async () => (await storedDue('dates', id!)) === null)
  })

  it('gives an unknown plan, an unknown action and a refused link a page of their own', async () => {
    await seed('known', ['Hotline'])
    const page = await fx.newPage('Alice Tan')
    await page.goto(fx.appUrl('/plan/nothing-here'))
    await page.getByRole('heading', { name: 'Plan not found' }).waitFor()
    await page.getByRole('link', { name: 'Go to your plans' }).waitFor()
    await expect(page.getByText('appears once you are online').count()).resolves.toBe(0)

    await page.goto(fx.appUrl('/plan/known/action/not-an-action'))
    await page.getByRole('heading', { name: 'Action not found' }).waitFor()
    await page.getByText('This action is not in “Plan known”').waitFor()

    // Shaped like an invite for this plan, signed by no one the server knows.
    const forged = `e30.${Buffer.from(JSON.stringify({ plan: 'known', role: 'owner' })).toString('base64url')}.c2lnbmF0dXJl`
    const stranger = await fx.newPage('Stranger', undefined, forged)
    await stranger.goto(fx.appUrl('/plan/known'))
    await stranger.getByRole('heading', { name: 'This link does not open the plan' }).waitFor()
    await stranger.getByText('(The invite is not valid: it was altered or comes from another server.)', { exact: false }).waitFor()
    await stranger.screenshot({ path: `${SHOTS}/refused-link.png` })
  })

  it('offers inviting to those who may invite, and the copied invite link opens the plan for its recipient', async () => {
    await seed('share', ['Hotline'])
    const owner = await fx.newPage('Aiko Tanaka')
    await owner.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await owner.goto(fx.appUrl('/plan/share'))
    await owner.getByRole('link', { name: 'Invite people' }).click()
    const form = owner.getByRole('form', { name: 'Create an invite' })
    await form.getByLabel('Valid for (days)').fill('400')
    await form.getByRole('button', { name: 'Create invite link' }).click()
    await owner.getByRole('alert').filter({ hasText: 'A name is required: at most 120 characters. An invite is valid for 1 to 365 days.' }).waitFor()
    await form.getByLabel('Valid for (days)').fill('30')
    await form.getByLabel('Role').selectOption('viewer')
    await form.getByLabel('Name').fill('Observer')
    await form.getByLabel('Organization').fill('Embassy')
    await form.getByRole('button', { name: 'Create invite link' }).click()
    await owner.getByRole('button', { name: 'Copy link' }).click()
    await owner.getByRole('button', { name: 'Link copied' }).waitFor()
    const link = await owner.evaluate(() => navigator.clipboard.readText())
    expect(link).toContain('token=')

    const viewer = await fx.newPage('Observer', undefined, new URLSearchParams(link.split('?')[1]).get('token')!)
    await viewer.goto(link)
    await viewer.locator('[data-testid=action-card]', { hasText: 'Hotline' }).waitFor()
    await expect(viewer.getByRole('link', { name: 'Invite people' }).count()).resolves.toBe(0)
  })

  it('counts a commenter’s comments written offline as waiting for the server', async () => {
    const [id] = await seed('pending', ['Hotline'])
    const token = await inviteToken('pending', 'commenter', 'Sokha Chan', 'Cambodian Labour Confederation')
    const page = await openAsInvite('pending', token, 'Sokha Chan', `/plan/pending/action/${id}`)
    await page.getByLabel('Start a thread').waitFor()
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
    await page.getByRole('status').filter({ hasText: 'Synced' }).waitFor()
    await page.context().setOffline(true)
    const status = page.getByRole('status')
    await status.filter({ hasText: 'Offline' }).waitFor()
    for (const [i, body] of ['Who staffs the hotline?', 'In which languages?'].entries()) {
      await page.getByLabel('Start a thread').fill(body)
      await page.getByRole('button', { name: 'Post' }).last().click()
      await status.filter({ hasText: `Offline: ${i + 1} change${i ? 's' : ''} not yet on the server` }).waitFor()
    }
    await page.context().setOffline(false)
    await status.filter({ hasText: 'Synced' }).waitFor({ timeout: 10_000 })
  })

  it('finds words of a description merged from two offline edits', async () => {
    const [id] = await seed('merged', ['Hotline'])
    const [alice, bob] = [await fx.newPage('Alice Tan'), await fx.newPage('Bob Lee')]
    for (const page of [alice, bob]) {
      await page.goto(fx.appUrl(`/plan/merged/action/${id}`))
      await page.getByTestId('description-editor').waitFor()
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
      await page.getByRole('status').filter({ hasText: 'Synced' }).waitFor()
    }
    for (const [page, word] of [[alice, 'Alphaword'], [bob, 'Bravoword']] as const) {
      await page.context().setOffline(true)
      await page.getByTestId('description-editor').click()
      await page.keyboard.type(`${word} `)
    }
    await alice.context().setOffline(false)
    await bob.context().setOffline(false)
    for (const page of [alice, bob]) {
      await page.getByTestId('description-editor').getByText(/Alphaword/).waitFor({ timeout: 10_000 })
      await page.getByTestId('description-editor').getByText(/Bravoword/).waitFor({ timeout: 10_000 })
    }
    const reader = await fx.newPage('Kenji Sato')
    await reader.goto(fx.appUrl('/plan/merged/table'))
    for (const word of ['alphaword', 'bravoword']) {
      await reader.getByLabel('Search actions').fill(word)
      await reader.getByTestId('table-count').filter({ hasText: '1 of 1 actions' }).waitFor({ timeout: 10_000 })
    }
  })

  it('names a cursor in a description after the invite, not the browser’s profile', async () => {
    const [id] = await seed('cursors', ['Hotline'])
    const owner = await fx.newPage('Aiko Tanaka')
    await owner.goto(fx.appUrl(`/plan/cursors/action/${id}`))
    await owner.getByTestId('description-editor').waitFor()
    const token = await inviteToken('cursors', 'editor', 'Mai Nguyen', 'MOLISA')
    const mai = await openAsInvite('cursors', token, 'Participant 5621', `/plan/cursors/action/${id}`)
    await mai.getByTestId('description-editor').click()
    await mai.keyboard.type('Hello')
    await owner.locator('.editor-cursor-name', { hasText: 'Mai Nguyen' }).waitFor()
    await expect(owner.locator('.editor-cursor-name', { hasText: 'Participant' }).count()).resolves.toBe(0)
  })
})
