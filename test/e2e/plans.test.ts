import { describe, expect, it } from 'vitest'
import { addActionInUi, createPlanInUi, e2eFixture, SHOTS } from './fixture.js'

const fx = e2eFixture()

describe('the plan list and the stakeholder directory', () => {
  it('lists, renames and deletes plans (with confirmation), on this device and on the server', async () => {
    const page = await fx.newPage('Alice Tan')
    const planId = await createPlanInUi(page, fx.appUrl(), 'Draft JWP')
    await page.getByRole('link', { name: /All plans/ }).click()
    await page.getByRole('link', { name: 'Draft JWP' }).waitFor()

    await page.getByRole('button', { name: 'Rename: Draft JWP' }).click()
    await page.getByLabel('New title for Draft JWP').fill('  ')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('alert').waitFor()
    await page.getByLabel('New title for Draft JWP').fill('JWP 2027 (final)')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('link', { name: 'JWP 2027 (final)' }).waitFor()

    // Someone on another device finds it in the server's list and can join by link.
    const other = await fx.newPage('Bob')
    await other.goto(fx.appUrl())
    await other.getByRole('link', { name: 'JWP 2027 (final)' }).waitFor()
    await other.getByLabel('Link or plan id').fill(fx.appUrl(`/plan/${planId}`))
    await other.getByRole('button', { name: 'Join' }).click()
    await other.getByRole('heading', { level: 1, name: 'JWP 2027 (final)' }).waitFor()
    await other.getByRole('link', { name: /All plans/ }).click()
    await page.screenshot({ path: `${SHOTS}/plans.png` })

    await page.getByRole('button', { name: 'Delete: JWP 2027 (final)' }).click()
    const dialog = page.getByRole('dialog', { name: 'Delete “JWP 2027 (final)”?' })
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('link', { name: 'JWP 2027 (final)' }).waitFor()
    await page.getByRole('button', { name: 'Delete: JWP 2027 (final)' }).click()
    await dialog.getByRole('button', { name: 'Delete' }).click()
    await page.getByText('No plans yet.').waitFor()

    const fresh = await fx.newPage('Carol')
    await fresh.goto(fx.appUrl())
    await fresh.getByText('No plans yet.').waitFor()
  })

  it('builds the stakeholder directory and picks owners from it', async () => {
    const page = await fx.newPage('Alice Tan')
    await createPlanInUi(page, fx.appUrl(), 'Directory plan')
    await addActionInUi(page, 'Grievance mechanisms', 'Joint hotline')
    await page.getByRole('link', { name: 'Stakeholders' }).click()
    const form = page.getByRole('form', { name: 'Add organization' })
    await form.getByLabel('Organization').fill('Ministry of Health, Labour and Welfare')
    await form.getByLabel('Kind').selectOption('government')
    await form.getByLabel('Country').fill('Japan')
    await form.getByRole('button', { name: 'Add organization' }).click()
    await page.getByRole('alert').filter({ hasText: 'A country is a two-letter code, such as KH or JP.' }).waitFor()
    await form.getByLabel('Country').fill('JP')
    await form.getByRole('button', { name: 'Add organization' }).click()
    await form.getByLabel('Organization').fill('Cambodian Labour Confederation')
    await form.getByLabel('Kind').selectOption('workers_org')
    await form.getByLabel('Country').fill('kh')
    await form.getByRole('button', { name: 'Add organization' }).click()
    await page.locator('.stakeholder-row').nth(1).waitFor()
    await page.screenshot({ path: `${SHOTS}/stakeholders.png` })

    await page.getByRole('link', { name: 'Board', exact: true }).click()
    await page.locator('[data-testid=action-card]', { hasText: 'Joint hotline' }).click()
    await page.getByRole('group', { name: 'Owners' }).getByLabel(/Cambodian Labour Confederation/).check()
    await page.getByRole('group', { name: 'Partners' }).getByLabel(/Ministry of Health/).check()
    await page.getByRole('link', { name: /Back to the board/ }).click()
    await expect(page.locator('.action-card', { hasText: 'Joint hotline' }).locator('.card-owners').textContent()).resolves.toBe('Cambodian Labour Confederation')
  })
})
