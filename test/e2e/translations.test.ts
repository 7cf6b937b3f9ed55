import { must } from '../helpers/must.js'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, createPlan } from '../../shared/index.js'
import { e2eFixture, SHOTS } from './fixture.js'

const fx = e2eFixture()


describe('the plan in several languages', () => {
  it('an editor translates in place; readers of that language see it, others the original; a changed original marks it out of date', async () => {
    const doc = new Y.Doc()
    const { areaIds } = must(createPlan(doc, { template: 'access-to-remedy', title: 'Joint work plan' }))
    const { id } = must(addAction(doc, { areaId: areaIds[0]!, title: 'Multilingual hotline' }))
    await fx.seedPlan('translated', doc)

    const translator = await fx.newPage('Aiko Tanaka', undefined, undefined, 'ja')
    const reader = await fx.newPage('Kenji Sato', undefined, undefined, 'ja')
    const english = await fx.newPage('Sokha Chan')
    await reader.goto(fx.appUrl('/plan/translated'))
    const readerCard = reader.locator('[data-testid=action-card]')
    await readerCard.filter({ hasText: 'Multilingual hotline' }).getByTestId('untranslated').filter({ hasText: 'EN' }).waitFor()

    await translator.goto(fx.appUrl(`/plan/translated/action/${id}`))
    const panel = translator.locator('.translations-panel')
    await panel.getByText('1 件の翻訳が未作成または古くなっています').waitFor()
    const titleBox = panel.getByLabel('タイトル（日本語）')
    await titleBox.fill('多言語ホットライン')
    await titleBox.press('Enter')
    await translator.getByRole('heading', { name: '多言語ホットライン' }).waitFor()

    await readerCard.filter({ hasText: '多言語ホットライン' }).waitFor()
    await expect(readerCard.filter({ hasText: '多言語ホットライン' }).getByTestId('untranslated').count()).resolves.toBe(0)
    await reader.screenshot({ path: `${SHOTS}/translated-board-ja.png` })

    await english.goto(fx.appUrl('/plan/translated/table'))
    await english.getByLabel('Search actions').fill('ホットライン')
    await english.getByTestId('table-count').filter({ hasText: '1 of 1 actions' }).waitFor()
    await english.locator('[role=row] a', { hasText: 'Multilingual hotline' }).waitFor()

    await english.goto(fx.appUrl(`/plan/translated/action/${id}`))
    await english.getByLabel('Title', { exact: true }).fill('Multilingual hotline and chat')
    await english.getByLabel('Title', { exact: true }).press('Enter')
    await panel.getByText('更新が必要：この翻訳の後に原文が変更されました').waitFor()
    await translator.screenshot({ path: `${SHOTS}/translation-stale-ja.png`, fullPage: true })
  })
})
