import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { actionStamp, addAction, createPlan, discussionRoom, planRoom, readPlan, setVerdict } from '../../shared/index.js'
import { must } from '../helpers/must.js'
import { connectClient, synced, tokenFor } from '../helpers/server.js'
import { e2eFixture, setDateInUi, SHOTS } from './fixture.js'

const fx = e2eFixture()

describe('review rounds in the app', () => {
  it('an owner asks two organizations about one area; each sees what is asked of it; the round closes with where they stood', async () => {
    const doc = new Y.Doc()
    const { areaIds } = must(createPlan(doc, { template: 'access-to-remedy', title: 'Plan under review' }))
    must(addAction(doc, { areaId: areaIds[0]!, title: 'Multilingual hotline' }))
    const legalAid = must(addAction(doc, { areaId: areaIds[0]!, title: 'Legal aid across borders' })).id
    must(addAction(doc, { areaId: areaIds[2]!, title: 'Zero-fee recruitment' }))
    await fx.seedPlan('reviewed', doc)
    const clcToken = await tokenFor(fx.server(), planRoom('reviewed'), 'commenter', 'Sokha Chan', 'CLC')
    await tokenFor(fx.server(), planRoom('reviewed'), 'commenter', 'Dewi Lestari', 'SBMI')

    const owner = await fx.newPage('Aiko Tanaka')
    await owner.goto(fx.appUrl('/plan/reviewed/review'))
    const rounds = owner.getByRole('region', { name: 'Review rounds' })
    await rounds.getByText('No review round yet.').waitFor()
    const form = owner.getByRole('form', { name: 'Open a review round' })
    await form.getByRole('button', { name: 'Open round' }).click()
    await form.getByRole('alert').waitFor()
    await form.getByLabel('Title').fill('Review before the Phnom Penh workshop')
    await setDateInUi(owner, 'Verdicts due by', '2025-02-01')
    await form.getByLabel('The actions of these areas:').check()
    await form.getByLabel('Grievance mechanisms').check()
    await form.getByLabel('CLC').check()
    await form.getByLabel('SBMI').check()
    await form.getByRole('button', { name: 'Open round' }).click()
    const round = rounds.getByTestId('round').filter({ hasText: 'Review before the Phnom Penh workshop' })
    await expect(round.locator('p.muted').first().innerText()).resolves.toMatch(/^Verdicts due Feb 1, 2025 · past its deadline · 2 actions · Asked: CLC, SBMI · opened by Aiko Tanaka/)
    const standing = (org: string) => round.getByRole('row', { name: new RegExp(`^${org}`) }).innerText()
    await expect(standing('CLC')).resolves.toMatch(/^CLC\s+0\s+0\s+0\s+2\s+0$/)

    // CLC, on a phone, sees what is asked of it and answers one action.
    const clc = await fx.newPage('Sokha Chan', { width: 390, height: 844 }, clcToken)
    await clc.goto(fx.appUrl('/plan/reviewed/review'))
    const asked = clc.getByTestId('round').getByText('Asked of CLC: 2 actions still need your verdict')
    await asked.waitFor()
    expect(await clc.getByRole('button', { name: /Close the round/ }).count()).toBe(0)
    expect(await clc.getByRole('form', { name: 'Open a review round' }).count()).toBe(0)
    await clc.screenshot({ path: `${SHOTS}/rounds-asked-390.png`, fullPage: true })
    expect(await clc.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    await clc.getByTestId('round').getByRole('link', { name: 'Multilingual hotline' }).click()
    const verdict = clc.getByRole('group', { name: 'Verdict of CLC' })
    await verdict.getByLabel('Endorse').check()
    await verdict.getByRole('button', { name: 'Save verdict' }).click()
    await clc.getByText('CLC: Endorse').waitFor()
    await clc.goBack()
    await clc.getByTestId('round').getByText('Asked of CLC: 1 action still needs your verdict').waitFor()

    // SBMI objects through its own client; the owner sees both, live, and closes the round.
    const sbmi = connectClient(fx.server().url, discussionRoom('reviewed'), await tokenFor(fx.server(), discussionRoom('reviewed'), 'commenter', 'Dewi Lestari', 'SBMI'))
    await synced(sbmi)
    const legal = readPlan(doc).actions.find((a) => a.id === legalAid)!
    must(setVerdict(sbmi.doc, { actionId: legalAid, verdict: 'object', note: 'no lawyers in Kampot', by: { name: 'Dewi Lestari', org: 'SBMI' }, actionStamp: actionStamp(legal) }))
    await expect.poll(() => standing('SBMI')).toMatch(/^SBMI\s+0\s+0\s+1\s+1\s+0$/)
    await expect(standing('CLC')).resolves.toMatch(/^CLC\s+1\s+0\s+0\s+1\s+0$/)
    sbmi.destroy()
    await round.getByRole('button', { name: 'Close the round Review before the Phnom Penh workshop' }).click()
    await round.getByText(/^Closed by Aiko Tanaka/).waitFor()
    await expect(round.locator('.verdicts').innerText()).resolves.toBe('SBMI: Object — Legal aid across borders — no lawyers in Kampot')
    expect(await round.getByRole('button', { name: /Close the round/ }).count()).toBe(0)
    await owner.screenshot({ path: `${SHOTS}/rounds-closed-1280.png`, fullPage: true })
    await owner.setViewportSize({ width: 390, height: 844 })
    expect(await owner.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    await owner.screenshot({ path: `${SHOTS}/rounds-closed-390.png`, fullPage: true })
  })
})
