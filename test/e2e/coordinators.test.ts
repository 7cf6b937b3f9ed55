import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, addDays, addStakeholder, createPlan, isoDay } from '../../shared/index.js'
import { must } from '../helpers/must.js'
import { e2eFixture, SHOTS } from './fixture.js'

const fx = e2eFixture()

describe('a coordinator follows several plans with one link', () => {
  it('the host invites a coordinator for two plans; the link opens their commitments, read-only, with comments and exports', async () => {
    const today = isoDay(new Date())
    const seed = async (planId: string, title: string, action: string) => {
      const doc = new Y.Doc()
      const { areaIds } = must(createPlan(doc, { template: 'access-to-remedy', title }))
      const owner = must(addStakeholder(doc, { name: 'Cambodian Labour Confederation', kind: 'workers_org', country: 'KH' })).id
      must(addAction(doc, { areaId: areaIds[0]!, title: action, owners: [owner], due: addDays(today, 20) }))
      await fx.seedPlan(planId, doc)
    }
    await seed('corridor-kh', 'Corridor KH-JP', 'Hotline in Khmer')
    await seed('corridor-vn', 'Corridor VN-JP', 'Pre-departure briefing')
    await seed('corridor-th', 'Corridor TH-JP', 'Recruitment fee audit')

    const host = await fx.newPage('Aiko Tanaka')
    await host.goto(fx.appUrl('/'))
    const invite = host.getByRole('form', { name: 'Invite a coordinator' })
    await invite.getByLabel('Corridor TH-JP').waitFor()
    await invite.getByRole('button', { name: 'Create coordinator link' }).click()
    await invite.getByRole('alert').filter({ hasText: 'Choose at least one plan' }).waitFor()
    await invite.getByLabel('Name').fill('Kenji Mori')
    await invite.getByLabel('Organization').fill('JICA')
    await invite.getByLabel('Corridor KH-JP').check()
    await invite.getByLabel('Corridor VN-JP').check()
    await invite.getByRole('button', { name: 'Create coordinator link' }).click()
    const link = await host.getByTestId('invite-link').inputValue()
    expect(link).toContain('#/commitments?token=')
    const row = host.locator('.coordinators-panel .invite-row', { hasText: 'Kenji Mori' })
    await expect(row.innerText()).resolves.toMatch(/Coordinator.*2 plans: Corridor (KH|VN)-JP, Corridor (KH|VN)-JP/s)
    await host.screenshot({ path: `${SHOTS}/coordinators-host-1280.png`, fullPage: true })
    await host.setViewportSize({ width: 390, height: 844 })
    expect(await host.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    await host.screenshot({ path: `${SHOTS}/coordinators-host-390.png`, fullPage: true })

    // A device that has nothing but the link.
    const kenji = await fx.newPage('Kenji Mori', undefined, '')
    await kenji.goto(link)
    await kenji.getByTestId('commitments-count').filter({ hasText: '2 commitments' }).waitFor()
    expect(kenji.url()).not.toContain('token=')
    await kenji.getByRole('link', { name: 'Pre-departure briefing' }).waitFor()
    expect(await kenji.getByText('Recruitment fee audit').count()).toBe(0)
    await kenji.getByRole('link', { name: 'JointPlan' }).click()
    await kenji.getByRole('heading', { name: 'Your plans' }).waitFor()
    await expect(kenji.locator('.plan-list li').count()).resolves.toBe(2)
    await kenji.getByText('New plans are created on the host’s computer').waitFor()
    expect(await kenji.getByRole('region', { name: 'Coordinators' }).count()).toBe(0)

    await kenji.goto(fx.appUrl('/plan/corridor-kh/table'))
    await kenji.getByTestId('role-note').filter({ hasText: 'Coordinator: you can read, comment and export' }).waitFor()
    const download = kenji.waitForEvent('download')
    await kenji.getByRole('button', { name: 'CSV' }).click()
    expect((await download).suggestedFilename()).toMatch(/\.csv$/)
    expect(await kenji.getByRole('button', { name: /Import/ }).count()).toBe(0)

    await kenji.getByRole('link', { name: 'Hotline in Khmer' }).first().click()
    await kenji.getByRole('heading', { name: 'Discussion' }).waitFor()
    expect(await kenji.getByRole('group', { name: /Verdict of/ }).count()).toBe(0)
    await kenji.getByLabel('Start a thread').fill('JICA can fund the hotline training')
    await kenji.getByRole('button', { name: 'Post' }).click()
    await kenji.getByText('JICA can fund the hotline training').waitFor()
    // The action's history comes from the server for the coordinator too: the comment is in it, by name.
    await kenji.getByRole('region', { name: 'History of this action' }).getByText('commented: “JICA can fund the hotline training”').waitFor({ timeout: 15_000 })
    await kenji.screenshot({ path: `${SHOTS}/coordinators-action-1280.png`, fullPage: true })
    const actionPath = kenji.url().split('#')[1]!
    // The Review tab shows every organization's position; nothing asks a coordinator for a verdict.
    await kenji.getByRole('link', { name: 'Review', exact: true }).click()
    await kenji.getByRole('heading', { name: 'Where each organization stands' }).waitFor()
    expect(await kenji.getByRole('heading', { name: 'Actions changed since your last review' }).count()).toBe(0)
    expect(await kenji.getByLabel(/^Needs the verdict of/).count()).toBe(0)

    // The host sees the comment under the coordinator's invite name.
    await host.setViewportSize({ width: 1280, height: 800 })
    await host.goto(fx.appUrl(actionPath))
    await host.locator('.discussion', { hasText: 'JICA can fund the hotline training' }).getByText('Kenji Mori').first().waitFor()
  })
})
