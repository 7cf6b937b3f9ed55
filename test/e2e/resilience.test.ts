import { describe, expect, it } from 'vitest'
import { addAction, addStakeholder, createPlan, planMaps, planRoom } from '../../shared/index.js'
import { connectClient, synced, tokenFor } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'
import { column, e2eFixture, SHOTS } from './fixture.js'

const fx = e2eFixture()

/** Writes a plan into the server the way an old or hostile client might, bypassing the commands. */
const writeThroughRawClient = async (planId: string, write: Parameters<typeof createPlan>[0] extends infer D ? (doc: D) => void : never) => {
  const token = await tokenFor(fx.server(), planRoom(planId))
  const client = connectClient(fx.server().url, planRoom(planId), token)
  await synced(client)
  write(client.doc)
  const witness = connectClient(fx.server().url, planRoom(planId), token)
  await synced(witness)
  await waitFor('server has the writes', () => witness.doc.getMap('actions').size === client.doc.getMap('actions').size)
  client.destroy()
  witness.destroy()
}

describe('what people see when the doc holds bad data, or text in their own script', () => {
  it('renders a plan with invalid fields: the bad field is marked, nothing goes blank', async () => {
    await writeThroughRawClient('hostile', (doc) => {
      const created = createPlan(doc, { title: 'Plan with bad data' })
      if (!created.ok) throw new Error('create failed')
      const ok = addAction(doc, { areaId: created.value.areaIds[0]!, title: 'Good action', progress: 40 })
      const bad = addAction(doc, { areaId: created.value.areaIds[0]!, title: 'Tampered action' })
      if (!ok.ok || !bad.ok) throw new Error('add failed')
      const raw = planMaps(doc).actions.get(bad.value.id)!
      raw.set('progress', 'a lot')
      raw.set('due', 'next Tuesday')
      raw.set('status', 'finished-ish')
      ;(planMaps(doc).actions as unknown as { set: (k: string, v: unknown) => void }).set('garbage', 42)
    })
    const page = await fx.newPage('Kenji Sato')
    await page.goto(fx.appUrl('/plan/hostile'))
    const card = column(page, 'Grievance mechanisms').locator('.action-card', { hasText: 'Tampered action' })
    await card.getByText('Some fields hold invalid data').waitFor()
    await column(page, 'Grievance mechanisms').locator('.action-card', { hasText: 'Good action' }).waitFor()
    await page.getByText('1 entry in this plan could not be read and is not shown.').waitFor()
    await page.screenshot({ path: `${SHOTS}/invalid-data.png` })
    await card.getByTestId('action-card').click()
    await page.getByText('The stored value was invalid', { exact: false }).first().waitFor()
    await expect(page.getByLabel('Due: Year').getAttribute('aria-invalid')).resolves.toBe('true')
    // Writing a valid value repairs the field.
    await page.getByLabel('Progress (%)').fill('55')
    await page.getByLabel('Progress (%)').press('Enter')
    await expect(page.getByLabel('Progress (%)').getAttribute('aria-invalid')).resolves.toBe('false')
  })

  it('shows Japanese, Khmer and Thai with the bundled Noto fonts', async () => {
    await writeThroughRawClient('scripts', (doc) => {
      const created = createPlan(doc, { title: '移住労働者の救済へのアクセス' })
      if (!created.ok) throw new Error('create failed')
      const [a, b, c] = created.value.areaIds as [string, string, string]
      addAction(doc, { areaId: a, title: 'ការចុះឈ្មោះពលករចំណាកស្រុក' })
      addAction(doc, { areaId: b, title: 'การฝึกอบรมก่อนออกเดินทาง' })
      addAction(doc, { areaId: c, title: 'Pelatihan pra-keberangkatan · Đào tạo trước khi xuất cảnh' })
      addStakeholder(doc, { name: '厚生労働省', kind: 'government', country: 'JP' })
    })
    const page = await fx.newPage('Sokha')
    await page.goto(fx.appUrl('/plan/scripts'))
    await page.getByText('ការចុះឈ្មោះពលករចំណាកស្រុក').waitFor()
    await page.getByText('การฝึกอบรมก่อนออกเดินทาง').waitFor()
    await page.evaluate(() => document.fonts.ready.then(() => undefined))
    const loaded = await page.evaluate(() =>
      [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replaceAll('"', '')),
    )
    for (const family of ['Noto Sans JP', 'Noto Sans Khmer', 'Noto Sans Thai']) expect(loaded).toContain(family)
    await page.screenshot({ path: `${SHOTS}/scripts.png` })
  })
})
