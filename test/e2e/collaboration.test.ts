import { describe, expect, it } from 'vitest'
import { addActionInUi, column, createPlanInUi, e2eFixture, setDateInUi, SHOTS } from './fixture.js'

const fx = e2eFixture()
const LIVE = { timeout: 1_000 }

describe('two people co-editing a plan in the browser', () => {
  it('each sees the other’s edits within a second: add, title, status, move, description', async () => {
    const alice = await fx.newPage('Alice Tan')
    const bob = await fx.newPage('Bunthoeun Chea')
    const planId = await createPlanInUi(alice, fx.appUrl(), 'Workshop Phnom Penh 2027')
    await bob.goto(fx.appUrl(`/plan/${planId}`))
    await bob.getByRole('heading', { level: 1, name: 'Workshop Phnom Penh 2027' }).waitFor()

    // Presence: each sees the other in the header.
    await bob.locator('[data-peer="Alice Tan"]').waitFor(LIVE)
    await alice.locator('[data-peer="Bunthoeun Chea"]').waitFor(LIVE)

    await addActionInUi(alice, 'Grievance mechanisms', 'Referral protocol between helpdesks')
    const bobCard = bob.locator('[data-testid=action-card]', { hasText: 'Referral protocol between helpdesks' })
    await bobCard.waitFor(LIVE)

    // Alice moves the card one area to the right with the keyboard.
    await alice.locator('[data-testid=action-card]', { hasText: 'Referral protocol' }).focus()
    await alice.keyboard.press('Alt+ArrowRight')
    await column(bob, 'Empowerment of migrant workers').locator('[data-testid=action-card]', { hasText: 'Referral protocol' }).waitFor(LIVE)
    await expect(alice.locator('[data-testid=action-card]', { hasText: 'Referral protocol' }).evaluate((el) => el === document.activeElement)).resolves.toBe(true)

    // Bob opens the action and changes its status and title; Alice sees both.
    await bobCard.click()
    await bob.getByLabel('Status').selectOption('in_progress')
    await alice.locator('.action-card', { hasText: 'Referral protocol' }).getByText('In progress').waitFor(LIVE)
    await bob.getByLabel('Title', { exact: true }).fill('Referral protocol (KH-JP)')
    await bob.getByLabel('Title', { exact: true }).press('Enter')
    await alice.locator('[data-testid=action-card]', { hasText: 'Referral protocol (KH-JP)' }).waitFor(LIVE)

    // Alice sees that Bob is viewing that action, then opens it too and types a description.
    await alice.locator('.action-card', { hasText: 'Referral protocol (KH-JP)' }).locator('.card-viewers li[title="Bunthoeun Chea"]').waitFor(LIVE)
    await alice.locator('[data-testid=action-card]', { hasText: 'Referral protocol (KH-JP)' }).click()
    const aliceEditor = alice.getByTestId('description-editor')
    await aliceEditor.click()
    await alice.keyboard.type('Helpdesks in Cambodia refer cases to Japan.')
    await bob.getByTestId('description-editor').getByText('Helpdesks in Cambodia refer cases to Japan.').waitFor(LIVE)
    await alice.screenshot({ path: `${SHOTS}/action-detail.png`, fullPage: true })

    // The description's plain text reaches the plan (for lists and search).
    await bob.getByRole('link', { name: 'Table' }).click()
    await bob.getByLabel('Search actions').fill('cambodia refer')
    await bob.getByText('1 of 1 actions').waitFor({ timeout: 3_000 })
    await alice.getByRole('link', { name: /Back to the board/ }).click()
    await alice.getByRole('heading', { name: 'Grievance mechanisms' }).waitFor()
    await alice.screenshot({ path: `${SHOTS}/board.png` })
  })

  it('moves a card between areas by drag and drop', async () => {
    const alice = await fx.newPage('Alice Tan')
    await createPlanInUi(alice, fx.appUrl(), 'Drag plan')
    await addActionInUi(alice, 'Fair and ethical recruitment', 'Zero-fee recruitment pilot')
    await addActionInUi(alice, 'Grievance mechanisms', 'Joint complaint form')
    const card = alice.locator('.action-card', { hasText: 'Zero-fee recruitment pilot' })
    const target = column(alice, 'Grievance mechanisms').locator('.action-card', { hasText: 'Joint complaint form' })
    await card.dragTo(target, { targetPosition: { x: 20, y: 5 } })
    const titles = await column(alice, 'Grievance mechanisms').locator('[data-testid=action-card]').allTextContents()
    expect(titles).toEqual(['Zero-fee recruitment pilot', 'Joint complaint form'])
  })

  it('refuses an invalid field value at the form with the reason, and keeps the stored one', async () => {
    const alice = await fx.newPage('Alice Tan')
    await createPlanInUi(alice, fx.appUrl(), 'Validation plan')
    await addActionInUi(alice, 'Grievance mechanisms', 'Hotline')
    await alice.locator('[data-testid=action-card]', { hasText: 'Hotline' }).click()
    await setDateInUi(alice, 'Start', '2027-05-01')
    await setDateInUi(alice, 'Due', '2027-04-01')
    await alice.getByRole('alert').filter({ hasText: 'The due date cannot be before the start date.' }).waitFor()
    await expect(alice.getByLabel('Due: Year').getAttribute('aria-invalid')).resolves.toBe('true')
    await alice.getByLabel('Progress (%)').fill('150')
    await alice.getByLabel('Progress (%)').press('Enter')
    await alice.getByRole('alert').filter({ hasText: 'Progress is a whole number from 0 to 100.' }).waitFor()
    await alice.getByLabel('Progress (%)').fill('')
    await alice.getByLabel('Progress (%)').press('Enter')
    await expect(alice.getByRole('alert').filter({ hasText: 'Invalid input' }).count()).resolves.toBe(0)
    await alice.screenshot({ path: `${SHOTS}/validation.png`, fullPage: true })
    await alice.getByRole('link', { name: /Back to the board/ }).click()
    await expect(alice.locator('.action-card', { hasText: 'Hotline' }).getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('0')
  })
})
