import { must } from '../helpers/must.js'
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, addIndicator, addStakeholder, createPlan, discussionRoom, setVerdict } from '../../shared/index.js'
import { connectClient, synced, tokenFor } from '../helpers/server.js'
import { e2eFixture, SHOTS } from './fixture.js'

const fx = e2eFixture()


describe('the printed report', () => {
  it('prints the plan by area with owners, status, progress, indicators and verdicts, in every script, and nothing of the screen around it', async () => {
    const doc = new Y.Doc()
    const { areaIds } = must(createPlan(doc, { template: 'access-to-remedy', title: 'Joint work plan 2027' }))
    const clc = must(addStakeholder(doc, { name: 'Cambodian Labour Confederation', kind: 'workers_org', country: 'KH' })).id
    const hotline = must(addAction(doc, { areaId: areaIds[0]!, title: 'Multilingual hotline ខ្សែទូរស័ព្ទ', owners: [clc], status: 'in_progress', progress: 40, due: '2027-03-31' }))
    must(addIndicator(doc, hotline.id, { label: 'Calls answered', unit: 'calls', baseline: 0, current: 450, target: 1200 }))
    must(addAction(doc, { areaId: areaIds[2]!, title: 'Zero-fee recruitment ค่าธรรมเนียมเป็นศูนย์' }))
    await fx.seedPlan('report', doc)

    const room = discussionRoom('report')
    const reviewer = connectClient(fx.server().url, room, await tokenFor(fx.server(), room, 'commenter', 'Sokha Chan', 'CLC'))
    await synced(reviewer)
    must(setVerdict(reviewer.doc, { actionId: hotline.id, verdict: 'endorse', note: '', by: { name: 'Sokha Chan', org: 'CLC' } }))

    const page = await fx.newPage('Kenji Sato')
    await page.goto(fx.appUrl('/plan/report/report'))
    await page.getByRole('heading', { level: 2, name: 'Joint work plan 2027' }).waitFor()
    await page.getByText('CLC: Endorse').waitFor()
    reviewer.destroy()
    await page.getByRole('button', { name: 'Print or save as PDF' }).waitFor()
    await page.screenshot({ path: `${SHOTS}/report-1280.png`, fullPage: true })
    await page.setViewportSize({ width: 390, height: 844 })
    await page.screenshot({ path: `${SHOTS}/report-390.png`, fullPage: true })

    const dir = mkdtempSync(join(tmpdir(), 'jointplan-report-'))
    const pdf = join(dir, 'report.pdf')
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.emulateMedia({ media: 'print' })
    await page.pdf({ path: pdf, format: 'A4', printBackground: true })
    // Cells wrap onto several lines: the words are compared with their spacing made single.
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    for (const expected of ['Joint work plan 2027', 'Grievance mechanisms', 'Fair and ethical recruitment', 'Multilingual hotline', 'Cambodian Labour Confederation', 'In progress', 'Calls answered', 'CLC: Endorse']) {
      expect(text).toContain(expected)
    }
    for (const screenOnly of ['Print or save as PDF', 'All plans', 'Invite people']) expect(text).not.toContain(screenOnly)
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(SHOTS, 'report-pdf')])
  })
})
