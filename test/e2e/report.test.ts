import { must } from '../helpers/must.js'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, addIndicator, addStakeholder, createPlan, discussionRoom, setVerdict } from '../../shared/index.js'
import { savePdf, type PdfDeps } from '../../electron/savePdf.js'
import { PDF_OPTIONS } from '../../electron/savePdf.js'
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

  it('in the desktop app, saves the report as a PDF where the person chooses, printed by Chromium with the print CSS', async () => {
    const doc = new Y.Doc()
    const { areaIds } = must(createPlan(doc, { template: 'access-to-remedy', title: 'Plan ของ 2027' }))
    must(addAction(doc, { areaId: areaIds[1]!, title: 'Peer educators 相談員' }))
    await fx.seedPlan('desktop-report', doc)

    const dir = mkdtempSync(join(tmpdir(), 'jointplan-desktop-pdf-'))
    const offered: string[] = []
    const page = await fx.newPage('Kenji Sato')
    // The preload's bridge, with the main process's handler behind it: the same `savePdf`,
    // Chromium's own printToPDF (what Electron calls) and a save dialog that picks `dir`.
    const deps: PdfDeps = {
      print: async () => {
        await page.emulateMedia({ media: 'print' })
        const bytes = await page.pdf({ format: PDF_OPTIONS.pageSize, printBackground: PDF_OPTIONS.printBackground })
        await page.emulateMedia({ media: 'screen' })
        return bytes
      },
      choosePath: async (suggested) => {
        offered.push(suggested)
        return join(dir, suggested)
      },
      write: (path, bytes) => writeFile(path, bytes),
    }
    await page.exposeFunction('desktopSavePdf', (fileName: unknown) => savePdf({ fileName }, deps))
    await page.addInitScript(() => {
      const ask = (window as unknown as { desktopSavePdf: (name: string) => Promise<unknown> }).desktopSavePdf
      ;(window as unknown as { jointplanDesktop: unknown }).jointplanDesktop = { onFlushRequest: () => undefined, savePdf: (name: string) => ask(name) }
    })
    await page.goto(fx.appUrl('/plan/desktop-report/report'))
    await page.getByRole('button', { name: 'Save as PDF' }).click()
    await page.getByRole('status').filter({ hasText: 'Saved to' }).waitFor()
    expect(offered).toEqual(['Plan-ของ-2027.pdf'])
    await page.screenshot({ path: `${SHOTS}/report-desktop-1280.png` })
    const saved = join(dir, 'Plan-ของ-2027.pdf')
    expect(await page.getByRole('status').filter({ hasText: 'Saved to' }).innerText()).toBe(`Saved to ${saved}`)
    const text = execFileSync('pdftotext', [saved, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    expect(text).toContain('Empowerment of migrant workers')
    expect(text).toContain('Peer educators')
    expect(text).not.toContain('Save as PDF')

    // A forged request naming a folder writes nothing, and the window says why.
    expect(await savePdf({ fileName: '../../.bashrc.pdf' }, deps)).toMatchObject({ outcome: 'refused' })
    expect(await savePdf({ fileName: 'notes.txt' }, deps)).toMatchObject({ outcome: 'refused' })
    expect(existsSync(join(dir, '..', '..', '.bashrc.pdf'))).toBe(false)
    expect(offered).toHaveLength(1)
  })
})
