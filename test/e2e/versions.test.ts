import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, createPlan, planRoom, updateAction } from '../../shared/index.js'
import { runVerify } from '../helpers/childServer.js'
import { must } from '../helpers/must.js'
import { connectClient, synced, tokenFor } from '../helpers/server.js'
import { e2eFixture, setDateInUi, SHOTS } from './fixture.js'

const fx = e2eFixture()

describe('versions and verdicts in the app', () => {
  it('an owner adopts a version; the exported file verifies on this computer with no server', async () => {
    const doc = new Y.Doc()
    const { areaIds } = must(createPlan(doc, { template: 'access-to-remedy', title: 'Joint work plan 2025' }))
    const hotline = must(addAction(doc, { areaId: areaIds[0]!, title: 'Multilingual hotline' })).id
    await fx.seedPlan('adopted', doc)

    const page = await fx.newPage('Aiko Tanaka')
    await page.goto(fx.appUrl('/plan/adopted/history'))
    const versions = page.getByRole('region', { name: 'Versions' })
    await versions.getByText('No version adopted yet.').waitFor()
    const form = page.getByRole('form', { name: 'Adopt this version' })
    await form.getByRole('button', { name: 'Adopt version' }).click()
    await form.getByRole('alert').waitFor()
    await form.getByLabel('Name of the version').fill('Adopted at the Final Regional Workshop')
    await setDateInUi(page, 'Adopted on', '2025-02-11')
    await form.getByLabel('Place').fill('Phnom Penh')
    await form.getByRole('button', { name: 'Adopt version' }).click()
    const row = versions.getByRole('listitem').filter({ hasText: 'Adopted at the Final Regional Workshop' })
    await expect(row.innerText()).resolves.toMatch(/^Adopted at the Final Regional Workshop · Feb 11, 2025 · Phnom Penh · adopted by Aiko Tanaka/)
    expect(await versions.getByRole('listitem').count()).toBe(1)
    await page.screenshot({ path: `${SHOTS}/versions-1280.png`, fullPage: true })
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    await page.screenshot({ path: `${SHOTS}/versions-390.png`, fullPage: true })

    // The plan moves on; the version shows what changed since, and the plan as it was, read-only.
    const owner = connectClient(fx.server().url, planRoom('adopted'), await tokenFor(fx.server(), planRoom('adopted'), 'owner', 'Aiko Tanaka', 'ILO'))
    await synced(owner)
    must(updateAction(owner.doc, hotline, { title: 'Hotline in five languages' }))
    must(addAction(owner.doc, { areaId: areaIds[2]!, title: 'Zero-fee recruitment' }))
    await page.locator('[data-testid=action-card], .history-list li', { hasText: 'Zero-fee recruitment' }).first().waitFor()
    owner.destroy()
    await page.setViewportSize({ width: 1280, height: 800 })
    await row.getByRole('link', { name: 'Adopted at the Final Regional Workshop' }).click()
    await page.getByRole('heading', { name: 'Version: Adopted at the Final Regional Workshop' }).waitFor()
    await page.getByTestId('version-summary').filter({ hasText: '1 action added, 0 removed, 1 changed' }).waitFor()
    const since = page.locator('.version-view .changes')
    await expect(since.innerText()).resolves.toContain('title: Multilingual hotline → Hotline in five languages')
    await expect(since.innerText()).resolves.toContain('Added: Zero-fee recruitment')
    // Beside each change, who made it (from the server's record of the invite).
    await since.getByText('title: Multilingual hotline → Hotline in five languages — Aiko Tanaka (ILO)').waitFor()
    await since.locator('li', { hasText: 'Added: Zero-fee recruitment' }).getByText('Aiko Tanaka (ILO)').waitFor()
    await page.locator('.version-view .report').getByText('Multilingual hotline', { exact: true }).waitFor()
    // Nothing to write with: the one control chooses what to compare with.
    expect(await page.locator('.version-view').locator('input, textarea, [contenteditable]').count()).toBe(0)
    expect(await page.locator('.version-view select').evaluateAll((selects) => selects.map((s) => s.getAttribute('aria-label') ?? s.closest('label')?.textContent))).toEqual([expect.stringMatching(/^Compare this version with/)])
    const checked = await page.getByTestId('version-check').filter({ hasText: 'Checked on this device' }).innerText()
    const appHash = /Content hash ([0-9a-f]{64})/.exec(checked)?.[1]
    expect(appHash).toBeDefined()
    await page.screenshot({ path: `${SHOTS}/version-view-1280.png`, fullPage: true })
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    await page.screenshot({ path: `${SHOTS}/version-view-390.png`, fullPage: true })
    // The version's spreadsheet holds the plan as it was.
    const csv = page.waitForEvent('download')
    await page.locator('.version-view').getByRole('button', { name: 'CSV' }).click()
    expect((await csv).suggestedFilename()).toBe('Joint-work-plan-2025.version-2025-02-11.csv')
    const csvText = readFileSync(await (await csv).path(), 'utf8')
    expect(csvText).toContain('Multilingual hotline')
    expect(csvText).not.toContain('Zero-fee recruitment')
    await page.getByRole('link', { name: '← Versions and history' }).click()

    // A second version; the first compared with it shows what changed between the two.
    await form.getByLabel('Name of the version').fill('Mid-term review')
    await setDateInUi(page, 'Adopted on', '2025-08-20')
    await form.getByRole('button', { name: 'Adopt version' }).click()
    await versions.getByRole('link', { name: 'Mid-term review' }).waitFor()
    await row.getByRole('link', { name: 'Adopted at the Final Regional Workshop' }).click()
    await page.getByLabel('Compare this version with').selectOption({ label: 'Mid-term review · Aug 20, 2025' })
    await page.getByTestId('version-summary').filter({ hasText: 'From “Adopted at the Final Regional Workshop” to “Mid-term review”: 1 action added, 0 removed, 1 changed' }).waitFor()
    expect(page.url()).toMatch(/\?with=[0-9a-f-]{36}$/)
    await since.getByText('title: Multilingual hotline → Hotline in five languages — Aiko Tanaka (ILO)').waitFor()
    await page.screenshot({ path: `${SHOTS}/version-compare-390.png`, fullPage: true })
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.screenshot({ path: `${SHOTS}/version-compare-1280.png`, fullPage: true })
    await page.goBack()
    await page.getByTestId('version-summary').filter({ hasText: 'to “The plan now”' }).waitFor()
    await page.getByRole('link', { name: '← Versions and history' }).click()

    const download = page.waitForEvent('download')
    await row.getByRole('button', { name: 'Export Adopted at the Final Regional Workshop for verification' }).click()
    const file = await (await download).path()
    const verified = runVerify(file)
    expect(verified.status).toBe(0)
    // The file is the version's, not today's plan.
    expect(verified.stdout).toContain('"Joint work plan 2025", 1 actions')
    expect(verified.stdout).toContain('VERIFIED')
    // The app's check (WebCrypto) and the command's (node:crypto) agree on what was adopted.
    expect(verified.stdout).toContain(`content hash: ${appHash}`)
  })

  it('the verdict form shows the saved verdict, and a note typed on one action stays with it', async () => {
    const doc = new Y.Doc()
    const { areaIds } = must(createPlan(doc, { template: 'access-to-remedy', title: 'Reviewed plan' }))
    const first = must(addAction(doc, { areaId: areaIds[0]!, title: 'Hotline' })).id
    const second = must(addAction(doc, { areaId: areaIds[0]!, title: 'Shelter' })).id
    await fx.seedPlan('reviewed', doc)
    const page = await fx.newPage('Sokha Chan', undefined, await tokenFor(fx.server(), planRoom('reviewed'), 'commenter', 'Sokha Chan', 'CLC'))
    const verdictForm = () => page.getByRole('group', { name: 'Verdict of CLC' })

    await page.goto(fx.appUrl(`/plan/reviewed/action/${first}`))
    await verdictForm().getByLabel('Concern').check()
    await verdictForm().getByLabel('Note').fill('the deadline is too close')
    await verdictForm().getByRole('button', { name: 'Save verdict' }).click()
    await page.getByText('CLC: Concern').waitFor()

    // Straight to the other action by its address: nothing carried over.
    await page.goto(fx.appUrl(`/plan/reviewed/action/${second}`))
    await page.getByRole('heading', { name: 'Shelter' }).waitFor()
    expect(await verdictForm().getByLabel('Note').inputValue()).toBe('')
    expect(await verdictForm().getByLabel('Concern').isChecked()).toBe(false)
    await verdictForm().getByLabel('Note').fill('typed here, not saved')

    await page.goto(fx.appUrl(`/plan/reviewed/action/${first}`))
    await page.getByRole('heading', { name: 'Hotline' }).waitFor()
    await expect(verdictForm().getByLabel('Note').inputValue()).resolves.toBe('the deadline is too close')
    expect(await verdictForm().getByLabel('Concern').isChecked()).toBe(true)
    await page.reload()
    await page.getByRole('heading', { name: 'Hotline' }).waitFor()
    await page.getByText('CLC: Concern').waitFor()
    expect(await verdictForm().getByLabel('Note').inputValue()).toBe('the deadline is too close')

    // The owner changes the action elsewhere: CLC's verdict now speaks of an earlier version.
    const owner = connectClient(fx.server().url, planRoom('reviewed'), await tokenFor(fx.server(), planRoom('reviewed'), 'owner', 'Aiko Tanaka', 'ILO'))
    await synced(owner)
    must(updateAction(owner.doc, first, { due: '2027-06-30' }))
    await page.locator('.verdicts li', { hasText: 'CLC: Concern' }).getByText('given on an earlier version').waitFor()
    owner.destroy()
    await page.getByRole('link', { name: 'Review', exact: true }).click()
    const standings = page.getByRole('table', { name: 'Where each organization stands' })
    await expect(standings.getByRole('row', { name: /^CLC/ }).innerText()).resolves.toMatch(/^CLC\s+0\s+1\s+0\s+1\s+1$/)
    await page.getByLabel('Needs the verdict of CLC').check()
    await expect(page.getByTestId('position-row').allInnerTexts()).resolves.toEqual([expect.stringMatching(/^Hotline\s+CLC: Concern — the deadline is too close given on an earlier version/), expect.stringMatching(/^Shelter\s+CLC: Not reviewed yet/)])
    await page.screenshot({ path: `${SHOTS}/review-positions-1280.png`, fullPage: true })
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    await page.screenshot({ path: `${SHOTS}/review-positions-390.png`, fullPage: true })
  })
})
