import { describe, expect, it } from 'vitest'
import { addActionInUi, createPlanInUi, e2eFixture } from './fixture.js'

const fx = e2eFixture()

describe('an action’s description', () => {
  it('shows at once when the action is opened again or the page reloaded, and is never duplicated', async () => {
    const page = await fx.newPage('Alice Tan')
    await createPlanInUi(page, fx.appUrl(), 'Notes plan')
    await addActionInUi(page, 'Grievance mechanisms', 'Hotline')
    await page.locator('[data-testid=action-card]', { hasText: 'Hotline' }).click()
    await page.getByTestId('description-editor').click()
    await page.keyboard.type('Staffed in Khmer and Japanese.')
    await page.waitForTimeout(300)
    await page.getByRole('link', { name: /Back to the board/ }).click()

    await page.locator('[data-testid=action-card]', { hasText: 'Hotline' }).click()
    // Opening a view puts keyboard focus at its content.
    await page.waitForFunction(() => document.activeElement?.id === 'main', undefined, { timeout: 2_000 })
    const editor = page.getByTestId('description-editor')
    await editor.getByText('Staffed in Khmer and Japanese.').waitFor({ timeout: 2_000 })
    await page.reload()
    await editor.getByText('Staffed in Khmer and Japanese.').waitFor({ timeout: 3_000 })
    await page.waitForTimeout(500)
    await expect(editor.innerText()).resolves.toBe('Staffed in Khmer and Japanese.')
  })
})
