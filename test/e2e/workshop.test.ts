import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createPlan } from '../../shared/index.js'
import { must } from '../helpers/must.js'
import { e2eFixture, setDateInUi, SHOTS } from './fixture.js'
import type { Page } from 'playwright-core'

const fx = e2eFixture()

const LEGAL_AID = 'Strengthen legal aid for cross-border cases'
const CAMPAIGNS = 'Awareness campaigns in countries of origin'
const SIMILAR = 'Campaigns before departure'
const MORE_AID = 'Legal aid in the workers’ languages'

/** A person in the room: opens the projector's address on a device with no invite, and joins under their name. */
const joinAs = async (address: string, name: string, org: string, viewport?: { width: number; height: number }): Promise<Page> => {
  const page = await fx.newPage(name, viewport, '')
  await page.goto(address)
  const form = page.getByRole('form', { name: 'Join the workshop' })
  await form.getByLabel('Your name').fill(name)
  await form.getByLabel('Your organization').fill(org)
  await form.getByRole('button', { name: 'Join' }).click()
  await page.getByRole('heading', { name: 'Final Regional Workshop' }).waitFor()
  return page
}

const post = async (page: Page, question: string, text: string) => {
  const form = page.getByRole('form', { name: 'Post a recommendation' })
  await form.getByLabel('Question').selectOption({ label: question })
  await form.getByLabel('Recommendation').fill(text)
  await form.getByRole('button', { name: 'Post' }).click()
  await page.getByTestId('workshop-card').filter({ hasText: text }).waitFor()
}

describe('a workshop session in the app', () => {
  it('a facilitator opens a session; three people join by its address, post, vote within their budget; two cards become proposed actions', async () => {
    const doc = new Y.Doc()
    must(createPlan(doc, { template: 'access-to-remedy', title: 'Joint work plan 2025' }))
    await fx.seedPlan('ws', doc)

    const facilitator = await fx.newPage('Aiko Tanaka')
    await facilitator.goto(fx.appUrl('/plan/ws/workshops'))
    await facilitator.getByText('No workshop session yet.').waitFor()
    const open = facilitator.getByRole('form', { name: 'Open a workshop session' })
    await open.getByLabel('Title', { exact: true }).fill('Final Regional Workshop')
    await setDateInUi(facilitator, 'Date', '2025-02-11')
    await open.getByLabel('Place', { exact: true }).fill('Phnom Penh')
    await open.getByLabel(/^Agenda/).fill('20 Recommendations by area\n10 Dot vote')
    await open.getByRole('button', { name: 'Open session' }).click()
    await facilitator.getByRole('heading', { name: 'Final Regional Workshop' }).waitFor()
    const workshopId = /workshop\/([A-Za-z0-9_-]+)$/.exec(facilitator.url())?.[1]
    expect(workshopId).toBeDefined()
    await facilitator.getByRole('button', { name: 'Make a join code' }).click()
    const address = await facilitator.getByTestId('join-address').innerText()
    expect(address).toMatch(new RegExp(`^${fx.appUrl('/').replace(/\/#\/$/, '')}/j/[2-9A-HJKMNP-Z]{8}$`))

    const projector = await fx.newPage('Projector')
    await projector.goto(fx.appUrl(`/plan/ws/workshop/${workshopId}/projector`))
    await projector.getByTestId('projector-address').filter({ hasText: address }).waitFor()
    await expect(projector.getByRole('img', { name: `QR code for ${address}` }).getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/)

    const clc = await joinAs(address, 'Sokha Chan', 'CLC', { width: 360, height: 780 })
    const sbmi = await joinAs(address, 'Dewi Lestari', 'SBMI')
    const mirai = await joinAs(address, 'Kenji Sato', 'JP-MIRAI')
    await projector.getByText('4 people here').waitFor()

    await post(clc, 'Grievance mechanisms', LEGAL_AID)
    await post(sbmi, 'Empowerment of migrant workers', CAMPAIGNS)
    await post(mirai, 'Empowerment of migrant workers', SIMILAR)
    await post(mirai, 'Grievance mechanisms', MORE_AID)
    await clc.getByTestId('workshop-card').filter({ hasText: 'Dewi Lestari (SBMI)' }).waitFor()
    expect(await clc.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0)
    await clc.screenshot({ path: `${SHOTS}/workshop-phone-360.png`, fullPage: true })
    await clc.setViewportSize({ width: 390, height: 844 })
    await clc.screenshot({ path: `${SHOTS}/workshop-phone-390.png`, fullPage: true })

    // The facilitator merges duplicates: by dragging one card onto another, and with "Merge into".
    const card = (page: Page, text: string) => page.getByTestId('workshop-card').filter({ has: page.locator('p.card-text', { hasText: text }) })
    await card(facilitator, MORE_AID).dragTo(card(facilitator, LEGAL_AID))
    await card(facilitator, LEGAL_AID).getByText('1 similar card merged').waitFor()
    await card(clc, LEGAL_AID).getByText('1 similar card merged').waitFor()
    await card(facilitator, SIMILAR).getByText('Facilitate').click()
    await card(facilitator, SIMILAR).getByLabel('Merge into').selectOption({ label: CAMPAIGNS })
    await card(facilitator, CAMPAIGNS).getByText('1 similar card merged').waitFor()
    await facilitator.getByRole('button', { name: 'Open voting' }).click()
    await facilitator.screenshot({ path: `${SHOTS}/workshop-facilitator-1280.png`, fullPage: true })

    await clc.getByText('You have 3 of 3 votes left').waitFor()
    for (let i = 0; i < 2; i++) await card(clc, LEGAL_AID).getByRole('button', { name: `Vote for: ${LEGAL_AID}` }).click()
    await card(clc, CAMPAIGNS).getByRole('button', { name: `Vote for: ${CAMPAIGNS}` }).click()
    await clc.getByText('You have 0 of 3 votes left').waitFor()
    await card(clc, CAMPAIGNS).getByRole('button', { name: `Vote for: ${CAMPAIGNS}` }).click()
    await card(clc, CAMPAIGNS).getByRole('alert').filter({ hasText: 'You have no votes left.' }).waitFor()
    for (let i = 0; i < 3; i++) await card(sbmi, CAMPAIGNS).getByRole('button', { name: `Vote for: ${CAMPAIGNS}` }).click()
    await card(mirai, LEGAL_AID).getByRole('button', { name: `Vote for: ${LEGAL_AID}` }).click()
    await mirai.getByText('You have 2 of 3 votes left').waitFor()

    // Results on the wall once revealed.
    await facilitator.getByRole('button', { name: 'End voting' }).click()
    await facilitator.getByLabel('Show results to the room').check()
    const wall = projector.locator('.projector-cards li')
    await expect.poll(() => wall.allInnerTexts()).toEqual([expect.stringMatching(new RegExp(`^${CAMPAIGNS}\\s+4$`)), expect.stringMatching(new RegExp(`^${LEGAL_AID}\\s+3$`))])
    await projector.screenshot({ path: `${SHOTS}/workshop-projector-1280.png`, fullPage: true })

    // Two cards become proposed actions, with where they came from.
    for (const text of [LEGAL_AID, CAMPAIGNS]) {
      await card(facilitator, text).getByText('Facilitate').click()
      await card(facilitator, text).getByRole('button', { name: 'Turn into a proposed action' }).click()
      await card(facilitator, text).getByRole('link', { name: 'Proposed action' }).waitFor()
    }
    await facilitator.getByRole('link', { name: 'Summary' }).click()
    await expect(facilitator.getByTestId('summary-actions').innerText()).resolves.toMatch(new RegExp(`${LEGAL_AID} — 3 votes\\n${CAMPAIGNS} — 4 votes|${CAMPAIGNS} — 4 votes\\n${LEGAL_AID} — 3 votes`))
    await facilitator.getByText('Organizations that posted: CLC, JP-MIRAI, SBMI').waitFor()
    await facilitator.screenshot({ path: `${SHOTS}/workshop-summary-1280.png`, fullPage: true })
    await facilitator.getByRole('link', { name: LEGAL_AID }).click()
    await expect(facilitator.locator('.provenance').innerText()).resolves.toBe('Recommended at Final Regional Workshop, Phnom Penh, Feb 11, 2025 (3 votes) · proposed by CLC, JP-MIRAI')
    await facilitator.getByRole('combobox', { name: 'Origin' }).filter({ hasText: 'Proposed' }).waitFor()
  })

  it('the facilitator changes a running session: its title, a new question and the votes each person has reach the room', async () => {
    const doc = new Y.Doc()
    must(createPlan(doc, { template: 'access-to-remedy', title: 'Joint work plan 2026' }))
    await fx.seedPlan('ws-edit', doc)
    const facilitator = await fx.newPage('Aiko Tanaka')
    await facilitator.goto(fx.appUrl('/plan/ws-edit/workshops'))
    const open = facilitator.getByRole('form', { name: 'Open a workshop session' })
    await open.getByLabel('Title', { exact: true }).fill('National consultation')
    await open.getByRole('button', { name: 'Open session' }).click()
    await facilitator.getByRole('heading', { name: 'National consultation' }).waitFor()
    const room = await fx.newPage('Dewi Lestari', { width: 390, height: 844 })
    await room.goto(facilitator.url())
    await room.getByRole('heading', { name: 'National consultation' }).waitFor()

    await facilitator.getByText('Change the session').click()
    const edit = facilitator.getByRole('form', { name: 'Change the session' })
    await edit.getByLabel('Title', { exact: true }).fill('National consultation, Jakarta')
    await edit.getByLabel('Add a question (one a line)').fill('Who follows up after the workshop?')
    await edit.getByLabel('Votes per person').fill('5')
    await edit.getByRole('button', { name: 'Save changes' }).click()
    await facilitator.getByText('Changes saved: everyone in the room sees them now.').waitFor()
    await facilitator.screenshot({ path: `${SHOTS}/workshop-edit-1280.png`, fullPage: true })
    await facilitator.setViewportSize({ width: 390, height: 844 })
    await edit.screenshot({ path: `${SHOTS}/workshop-edit-390.png` })
    await facilitator.setViewportSize({ width: 1280, height: 800 })

    await room.getByRole('heading', { name: 'National consultation, Jakarta' }).waitFor()
    await room.getByRole('heading', { name: 'Who follows up after the workshop?' }).waitFor()
    await facilitator.getByRole('button', { name: 'Open voting' }).click()
    await room.getByText('You have 5 of 5 votes left').waitFor()
    await room.screenshot({ path: `${SHOTS}/workshop-edit-room-390.png`, fullPage: true })
    // The plan's list of sessions shows the new title.
    await facilitator.goto(fx.appUrl('/plan/ws-edit/workshops'))
    await facilitator.getByRole('link', { name: 'National consultation, Jakarta' }).waitFor()
  })
})
