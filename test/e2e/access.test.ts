import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectClient, synced } from '../helpers/server.js'
import type { Page } from 'playwright-core'
import { addActionInUi, createPlanInUi, e2eFixture, SHOTS } from './fixture.js'

const fx = e2eFixture()

const inviteLink = async (owner: Page, role: string, name: string, org: string): Promise<string> => {
  const form = owner.getByRole('form', { name: 'Create an invite' })
  await form.getByLabel('Role').selectOption(role)
  await form.getByLabel('Name').fill(name)
  await form.getByLabel('Organization').fill(org)
  await form.getByRole('button', { name: 'Create invite link' }).click()
  await owner.getByLabel(`Invite link for ${name}`).waitFor()
  return owner.getByTestId('invite-link').inputValue()
}

/** A person with no host token, who opens the link they were sent. */
const openInvite = async (name: string, link: string): Promise<Page> => {
  const page = await fx.newPage(name, undefined, new URLSearchParams(link.split('?')[1]).get('token')!)
  await page.goto(link)
  return page
}

describe('invites and roles in the browser', () => {
  it('a viewer sees the plan read-only, a commenter comments and gives a verdict, the owner sees them in the history', async () => {
    const owner = await fx.newPage('Aiko Tanaka')
    const planId = await createPlanInUi(owner, fx.appUrl(), 'Plan under review')
    await addActionInUi(owner, 'Grievance mechanisms', 'Joint complaint form')
    await owner.getByRole('link', { name: 'Access' }).click()
    const viewerLink = await inviteLink(owner, 'viewer', 'Observer', 'Embassy of Japan')
    const commenterLink = await inviteLink(owner, 'commenter', 'Sokha Chan', 'Cambodian Labour Confederation')
    expect(viewerLink).toContain(`#/plan/${planId}?token=`)
    await owner.getByRole('button', { name: 'Revoke the invite of Observer' }).waitFor()
    await owner.screenshot({ path: `${SHOTS}/access.png` })

    const viewer = await openInvite('Observer', viewerLink)
    await viewer.locator('[data-testid=action-card]', { hasText: 'Joint complaint form' }).waitFor()
    await viewer.getByTestId('role-note').filter({ hasText: 'Viewer: read only' }).waitFor()
    expect(viewer.url()).not.toContain('token=')
    await expect(viewer.getByRole('button', { name: /Add action to/ }).count()).resolves.toBe(0)
    await expect(viewer.getByRole('link', { name: 'Access' }).count()).resolves.toBe(0)
    await viewer.locator('[data-testid=action-card]', { hasText: 'Joint complaint form' }).click()
    await expect(viewer.getByLabel('Title', { exact: true }).isDisabled()).resolves.toBe(true)
    await expect(viewer.getByTestId('description-editor').getAttribute('contenteditable')).resolves.toBe('false')
    await viewer.screenshot({ path: `${SHOTS}/viewer.png`, fullPage: true })

    const commenter = await openInvite('Sokha Chan', commenterLink)
    await commenter.locator('[data-testid=action-card]', { hasText: 'Joint complaint form' }).click()
    await commenter.getByTestId('role-note').filter({ hasText: 'Commenter' }).waitFor()
    await commenter.getByLabel('Start a thread').fill('The form must exist in Khmer too.')
    await commenter.getByRole('button', { name: 'Post' }).click()
    await commenter.getByLabel('Concern').check()
    await commenter.getByLabel('Note', { exact: true }).fill('Translation first')
    await commenter.getByRole('button', { name: 'Save verdict' }).click()
    await expect(commenter.getByLabel('Title', { exact: true }).isDisabled()).resolves.toBe(true)

    await owner.getByRole('link', { name: 'Board', exact: true }).click()
    await owner.locator('[data-testid=action-card]', { hasText: 'Joint complaint form' }).click()
    await owner.getByText('The form must exist in Khmer too.', { exact: true }).waitFor()
    await owner.getByText('Cambodian Labour Confederation').first().waitFor()
    await owner.getByLabel('Title', { exact: true }).fill('Joint complaint form (KH, JP)')
    await owner.getByLabel('Title', { exact: true }).press('Enter')
    const history = owner.getByRole('region', { name: 'History of this action' })
    await history.getByText('commented: “The form must exist in Khmer too.”').waitFor({ timeout: 5_000 })
    await history.getByText(/by Sokha Chan \(Cambodian Labour Confederation\)/).first().waitFor()
    await history.getByText('title: Joint complaint form → Joint complaint form (KH, JP)').waitFor({ timeout: 5_000 })
    await owner.screenshot({ path: `${SHOTS}/history.png`, fullPage: true })

    // The commenter's review lists what changed since their verdict, and by whom.
    await commenter.getByRole('link', { name: 'Review' }).click()
    await commenter.getByText('title: Joint complaint form → Joint complaint form (KH, JP)').waitFor({ timeout: 5_000 })
    await commenter.getByText(/by Aiko Tanaka/).first().waitFor()
    await commenter.screenshot({ path: `${SHOTS}/review.png` })

    // An earlier value comes back as a new, attributed edit.
    await owner.getByRole('button', { name: 'Bring back the earlier title: Joint complaint form' }).click()
    await owner.getByRole('heading', { level: 2, name: 'Joint complaint form', exact: true }).waitFor()
    await history.getByText('title: Joint complaint form (KH, JP) → Joint complaint form').waitFor({ timeout: 5_000 })

    // A deleted action comes back from the plan's timeline.
    await owner.getByRole('button', { name: 'Delete action' }).click()
    await owner.getByRole('dialog').getByRole('button', { name: 'Delete action' }).click()
    await owner.getByRole('heading', { name: 'Grievance mechanisms' }).waitFor()
    await expect(owner.locator('[data-testid=action-card]').count()).resolves.toBe(0)
    await owner.getByRole('link', { name: 'History' }).click()
    await owner.getByRole('button', { name: 'Bring this action back' }).click()
    await owner.getByRole('link', { name: 'Board', exact: true }).click()
    await owner.locator('[data-testid=action-card]', { hasText: 'Joint complaint form' }).waitFor()
  })

  it('a change the server refuses is rolled back on the device and explained; the plan list offers a viewer no rename', async () => {
    const owner = await fx.newPage('Aiko Tanaka')
    const planId = await createPlanInUi(owner, fx.appUrl(), 'Agreed title')
    await owner.getByRole('link', { name: 'Access' }).click()
    const viewer = await openInvite('Observer', await inviteLink(owner, 'viewer', 'Observer', 'Embassy'))
    await viewer.getByRole('heading', { level: 1, name: 'Agreed title' }).waitFor()
    await viewer.goto(fx.appUrl('/'))
    await viewer.getByRole('link', { name: 'Agreed title' }).waitFor()
    await expect(viewer.getByRole('button', { name: 'Rename: Agreed title' }).count()).resolves.toBe(0)
    await expect(viewer.getByRole('button', { name: 'Delete: Agreed title' }).count()).resolves.toBe(0)
    await viewer.setViewportSize({ width: 390, height: 844 })
    await viewer.screenshot({ path: `${SHOTS}/plans-viewer-390.png` })
    await viewer.setViewportSize({ width: 1280, height: 800 })

    // A rename the UI would not offer (an older app, a crafted page): written into the
    // device's copy as a pending change, as if made offline.
    const server = fx.server()
    const probe = connectClient(server.url, `plan/${planId}`, (await server.tokens.issue({ plan: planId, role: 'viewer', name: 'Probe' })).token)
    await synced(probe)
    const forged = new Y.Doc()
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(probe.doc))
    const before = Y.encodeStateVector(forged)
    forged.getMap('meta').set('title', 'Renamed by a viewer')
    const update = Array.from(Y.encodeStateAsUpdate(forged, before))
    probe.destroy()
    await viewer.evaluate(
      ({ room, update }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('jointplan')
          open.onsuccess = () => {
            const tx = open.result.transaction('updates', 'readwrite')
            tx.objectStore('updates').add({ room, update: new Uint8Array(update), pending: 1 })
            tx.oncomplete = () => resolve()
            tx.onerror = () => reject(tx.error)
          }
        }),
      { room: `plan/${planId}`, update },
    )
    await viewer.goto(fx.appUrl(`/plan/${planId}`))
    await viewer.reload()
    await viewer.getByRole('alert').filter({ hasText: 'The server refused a change made on this device: a viewer may not change this plan' }).waitFor()
    await viewer.getByRole('heading', { level: 1, name: 'Agreed title' }).waitFor()
    await viewer.screenshot({ path: `${SHOTS}/refused.png` })
    await viewer.setViewportSize({ width: 390, height: 844 })
    await viewer.screenshot({ path: `${SHOTS}/refused-390.png` })
    await viewer.reload()
    await viewer.getByRole('heading', { level: 1, name: 'Agreed title' }).waitFor()
    await owner.getByRole('heading', { level: 1, name: 'Agreed title' }).waitFor()
  })

  it('an invite revoked while its holder has the plan open: the holder is told why, editing stops, the device copy can be downloaded', async () => {
    const owner = await fx.newPage('Aiko Tanaka')
    await createPlanInUi(owner, fx.appUrl(), 'Revocation plan')
    await owner.getByRole('link', { name: 'Access' }).click()
    const link = await inviteLink(owner, 'editor', 'Former partner', 'Agency')
    const former = await openInvite('Former partner', link)
    await addActionInUi(former, 'Grievance mechanisms', 'Written before the revocation')
    await owner.getByRole('button', { name: 'Revoke the invite of Former partner' }).click()
    await owner.getByText('revoked', { exact: true }).waitFor()

    const stopped = former.getByTestId('sync-stopped')
    await stopped.filter({ hasText: 'This device no longer syncs this plan: The invite has been revoked.' }).waitFor()
    await expect(former.getByRole('button', { name: /Add action to/ }).count()).resolves.toBe(0)
    await former.locator('[data-testid=action-card]', { hasText: 'Written before the revocation' }).waitFor()
    const download = former.waitForEvent('download')
    await stopped.getByRole('button', { name: 'Download this device’s copy' }).click()
    const copy = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as { copies: Record<string, { actions: Record<string, { title: string }> }> }
    expect(Object.values(Object.values(copy.copies)[0]!.actions).map((a) => a.title)).toContain('Written before the revocation')
    await former.screenshot({ path: `${SHOTS}/revoked.png` })
    await former.setViewportSize({ width: 390, height: 844 })
    await former.screenshot({ path: `${SHOTS}/revoked-390.png` })

    await former.reload()
    await stopped.filter({ hasText: 'The invite has been revoked.' }).waitFor()
    await former.locator('[data-testid=action-card]', { hasText: 'Written before the revocation' }).waitFor()
  })
})
