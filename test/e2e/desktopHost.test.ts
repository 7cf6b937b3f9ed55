import { existsSync, mkdirSync } from 'node:fs'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type * as DesktopApiModule from '../../electron/desktopApi.js'
import type * as HostControllerModule from '../../electron/hostController.js'
import type * as LanModule from '../../electron/lanAddress.js'
import { createPlan, planRoom, readPlan } from '../../shared/index.js'
import { launchBrowser } from '../helpers/browser.js'
import { forkHostProcess, loadBuilt } from '../helpers/hostProcess.js'
import { must } from '../helpers/must.js'
import { connectClient, startServer, synced, tempDataDir, tokenFor } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'
import { SHOTS } from './fixture.js'

// The desktop app's window, in Chromium: the preload's bridge is played by functions the page
// calls into this process, where the built main-process modules answer, with the built server
// in its own process as the app runs it.
const renderer = fileURLToPath(new URL('../../dist/renderer', import.meta.url))

type Api = ReturnType<typeof DesktopApiModule.desktopApi>

let browser: Browser
const contexts: BrowserContext[] = []
beforeAll(async () => {
  if (!existsSync(`${renderer}/index.html`)) throw new Error('dist/renderer is missing: run `npm run build` first')
  mkdirSync(SHOTS, { recursive: true })
  browser = await launchBrowser()
})
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()))
  await browser?.close()
})

/** A window with the desktop bridge; `api` answers as the main process does. */
const desktopWindow = async (api: Api, viewport = { width: 1280, height: 800 }): Promise<Page> => {
  const context = await browser.newContext({ viewport, locale: 'en-GB' })
  contexts.push(context)
  await context.exposeFunction('desktopHost', (lan: unknown) => api.host({ lan }))
  await context.exposeFunction('desktopHostStatus', () => api.hostStatus())
  await context.exposeFunction('desktopOpenServer', (link: unknown) => api.openServer({ link }))
  await context.exposeFunction('desktopRecentServers', () => api.recentServers())
  await context.exposeFunction('desktopSaveFile', (fileName: unknown, bytes: number[]) => api.saveFile({ fileName, bytes: Uint8Array.from(bytes) }))
  await context.addInitScript(() => {
    const call = window as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
    ;(window as unknown as { jointplanDesktop: unknown }).jointplanDesktop = {
      onFlushRequest: () => undefined,
      savePdf: () => Promise.resolve({ outcome: 'cancelled' }),
      saveFile: (fileName: string, bytes: Uint8Array) => call.desktopSaveFile!(fileName, Array.from(bytes)),
      host: (lan: boolean) => call.desktopHost!(lan),
      hostStatus: () => call.desktopHostStatus!(),
      openServer: (link: string) => call.desktopOpenServer!(link),
      recentServers: () => call.desktopRecentServers!(),
    }
  })
  return context.newPage()
}

describe('the desktop app hosting a workshop, in Chromium', () => {
  it('opens to the room’s network in one click, shows the address and QR code, participants join by it, exports save where chosen, and another server is remembered', async () => {
    const { HostController } = await loadBuilt<typeof HostControllerModule>('hostController.js')
    const { desktopApi } = await loadBuilt<typeof DesktopApiModule>('desktopApi.js')
    const { lanAddress } = await loadBuilt<typeof LanModule>('lanAddress.js')
    const lan = lanAddress(networkInterfaces())
    const userData = tempDataDir()
    const files: Record<string, unknown> = {}
    let window: Page | null = null
    const host = new HostController(forkHostProcess, { dataDir: join(userData, 'data'), staticDir: renderer, port: 0 })
    const api = desktopApi({
      host,
      rememberPort: async (port) => void (files.port = port),
      show: async (url) => void (await window?.goto(url)),
      readRecent: async () => files.recent ?? null,
      writeRecent: async (list) => void (files.recent = list),
      save: { choosePath: async (suggested) => join(userData, suggested), write: async (path, bytes) => void (files[path] = Buffer.from(bytes).toString('utf8')) },
      now: () => new Date('2026-12-02T09:00:00Z'),
    })
    const other = await startServer({ staticDir: renderer })
    try {
      await api.startServer(false)
      const session = host.current
      if (!session) throw new Error('the server did not start')
      const doc = new Y.Doc()
      must(createPlan(doc, { template: 'access-to-remedy', title: 'Final Regional Workshop plan' }))
      const seeder = connectClient(session.wsUrl, planRoom('desk'), session.localOwnerToken, doc)
      await synced(seeder)

      window = await desktopWindow(api)
      await window.goto(session.appUrl)
      await window.getByRole('link', { name: 'Host a workshop from this computer' }).click()
      await window.getByRole('heading', { name: 'Host a workshop on this network' }).waitFor()
      await window.getByText('Only this computer can reach JointPlan now.').waitFor()
      await window.getByRole('button', { name: 'Open to the room’s network' }).click()
      if (lan === null) {
        await window.getByText('This computer is on no network but itself.', { exact: false }).waitFor()
        return
      }
      const address = `http://${lan}:${session.port}`
      await window.getByText(address, { exact: true }).waitFor()
      await window.getByRole('img', { name: `QR code for ${address}` }).waitFor()
      expect(files.port).toBe(session.port)
      await window.screenshot({ path: `${SHOTS}/desktop-host-1280.png`, fullPage: true })
      await window.setViewportSize({ width: 390, height: 844 })
      await window.screenshot({ path: `${SHOTS}/desktop-host-390.png`, fullPage: true })
      await window.setViewportSize({ width: 1280, height: 800 })

      // A participant's browser on another machine: the invite link built from the address on the network.
      await window.goto(`${session.origin}/#/plan/desk/access`)
      const created = await fetch(`${session.origin}/api/plans/desk/invites`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.localOwnerToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'editor', name: 'Sokha Chan', org: 'CLC' }),
      })
      const { token } = (await created.json()) as { token: string }
      const participantContext = await browser.newContext({ viewport: { width: 390, height: 844 } })
      contexts.push(participantContext)
      const participant = await participantContext.newPage()
      await participant.goto(`${address}/#/plan/desk?token=${token}`)
      await participant.getByText('Final Regional Workshop plan').first().waitFor()
      // The seeding client lost its server to the restart and came back by itself; its edit reaches the participant.
      doc.getMap('meta').set('title', 'Final Regional Workshop plan (Phnom Penh)')
      await participant.getByText('Final Regional Workshop plan (Phnom Penh)').first().waitFor()
      seeder.destroy()

      // An export goes through the app's save dialog and says where it went.
      await window.goto(`${session.origin}/#/plan/desk/table`)
      await window.getByRole('button', { name: 'CSV' }).click()
      const savedTo = join(userData, 'Final-Regional-Workshop-plan-Phnom-Penh.csv')
      await window.getByRole('status').filter({ hasText: `Saved to ${savedTo}` }).waitFor()
      expect(String(files[savedTo])).toContain('Title')

      // Another laptop's server: its link opens it in the window, and the plans page offers it again.
      const otherOrigin = other.url.replace('ws://', 'http://')
      const otherToken = await tokenFor(other, planRoom('elsewhere'))
      await window.goto(`${session.origin}/#/`)
      await window.getByLabel('Link or plan id').fill(`${otherOrigin}/#/plan/elsewhere?token=${otherToken}`)
      await window.getByRole('button', { name: 'Join', exact: true }).click()
      await waitFor('the window shows the other server', () => window!.url().startsWith(otherOrigin))
      expect(api.joined()).toBe(otherOrigin)
      await window.goto(`${session.origin}/#/`)
      await window.getByRole('button', { name: `Open ${otherOrigin}` }).waitFor()
      await window.screenshot({ path: `${SHOTS}/desktop-plans-1280.png`, fullPage: true })
      // A link in disguise is refused, and nothing is remembered of it.
      expect(await api.openServer({ link: 'http://ilo.org@evil.example/' })).toBe(false)
      expect(await api.openServer({ link: 'file:///etc/passwd' })).toBe(false)
      expect((await api.recentServers()).map((s) => s.origin)).toEqual([otherOrigin])

      // Stopping: back to this computer only; the address on the network answers no more.
      await window.goto(`${session.origin}/#/host`)
      await window.getByRole('button', { name: 'Stop hosting' }).click()
      await window.getByText('Only this computer can reach JointPlan now.').waitFor()
      await expect(fetch(`${address}/healthz`)).rejects.toThrow()
      const reader = connectClient(session.wsUrl, planRoom('desk'), session.localOwnerToken)
      await synced(reader)
      expect(readPlan(reader.doc).meta.title).toBe('Final Regional Workshop plan (Phnom Penh)')
      reader.destroy()
    } finally {
      await host.stop()
      await other.close()
    }
  })
})
