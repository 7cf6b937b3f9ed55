import { createServer } from 'node:net'
import { networkInterfaces } from 'node:os'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import ja from '../../shared/messages/ja.json' with { type: 'json' }
import type * as HostedModule from '../../electron/hostedSession.js'
import type * as LanModule from '../../electron/lanAddress.js'
import type * as MenuModule from '../../electron/menu.js'
import type * as MenuLabelsModule from '../../electron/menuLabels.js'
import type * as NavigationModule from '../../electron/navigation.js'
import type * as WindowStateModule from '../../electron/windowState.js'
import { connectClient, synced, tempDataDir } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

// What ships: the compiled main-process modules (`npm run build` writes dist/electron), not their sources.
const built = (file: string) => fileURLToPath(new URL(`../../dist/electron/electron/${file}`, import.meta.url))
const load = async <T>(file: string): Promise<T> => {
  if (!existsSync(built(file))) throw new Error(`${built(file)} is missing: run npm run build first`)
  return (await import(built(file))) as T
}

type Lan = typeof LanModule
type Navigation = typeof NavigationModule
type Hosted = typeof HostedModule
type Menu = typeof MenuModule
type MenuLabels = typeof MenuLabelsModule
type WindowState = typeof WindowStateModule

const iface = (address: string, internal = false) => ({ address, internal, family: 'IPv4' as const, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null })

const portIsFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '0.0.0.0', () => probe.close(() => resolve(true)))
  })

describe('the built desktop shell, under Node', () => {
  it('announces the laptop’s address on the room’s network: not loopback, a VPN, a container bridge or link-local', async () => {
    const { lanAddress } = await load<Lan>('lanAddress.js')
    expect(lanAddress({ lo: [iface('127.0.0.1', true)], wlan0: [iface('192.168.1.23')], utun3: [iface('10.8.0.2')], docker0: [iface('172.17.0.1')] })).toBe('192.168.1.23')
    expect(lanAddress({ tun0: [iface('10.8.0.2')], en0: [iface('10.0.5.7')], eth1: [iface('169.254.3.3')] })).toBe('10.0.5.7')
    expect(lanAddress({ lo: [iface('127.0.0.1', true)], wg0: [iface('10.2.0.1')] })).toBeNull()
  })

  it('keeps the window on the app: other sites open in the system browser after a check, anything else is refused', async () => {
    const { decideNavigation, isTrustedSender } = await load<Navigation>('navigation.js')
    const app = 'http://127.0.0.1:41234'
    expect(decideNavigation(`${app}/#/plan/p1`, app)).toEqual({ kind: 'allow' })
    expect(decideNavigation('https://www.ilo.org/global/topics/fair-recruitment', app)).toEqual({ kind: 'external', url: 'https://www.ilo.org/global/topics/fair-recruitment' })
    expect(decideNavigation('mailto:secretariat@example.org', app)).toMatchObject({ kind: 'external' })
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://share/x', 'https://ilo.org@evil.example/', 'not a url', 'http://127.0.0.1:9999/']) {
      expect(decideNavigation(bad, app).kind === 'allow').toBe(false)
    }
    expect(decideNavigation('file:///etc/passwd', app)).toEqual({ kind: 'deny' })
    expect(isTrustedSender(`${app}/#/`, app)).toBe(true)
    expect(isTrustedSender('https://evil.example/', app)).toBe(false)
    expect(isTrustedSender(undefined, app)).toBe(false)
  })

  it('puts the window back where it was, unless that place is on a screen no longer there', async () => {
    const { restoreWindow } = await load<WindowState>('windowState.js')
    const laptop = { x: 0, y: 0, width: 1440, height: 900 }
    const projector = { x: 1440, y: 0, width: 1920, height: 1080 }
    const fallback = { width: 1280, height: 800 }
    const onProjector = { x: 1600, y: 100, width: 1200, height: 700, maximized: false }
    expect(restoreWindow(onProjector, [laptop, projector], fallback)).toEqual(onProjector)
    // The projector was unplugged: the window comes back to the default, not off-screen.
    expect(restoreWindow(onProjector, [laptop], fallback)).toEqual({ ...fallback, maximized: false })
    expect(restoreWindow({ x: 10, y: 10, width: 3000, height: 2000, maximized: true }, [laptop], fallback)).toEqual({ x: 10, y: 10, width: 1440, height: 900, maximized: true })
    for (const broken of [null, 'x', { x: 1 }, { x: 0, y: 0, width: 10, height: 10, maximized: false }]) expect(restoreWindow(broken, [laptop], fallback)).toEqual(fallback)
  })

  it('builds the native menu in the system’s language; the View menu opens the views of the plan on screen', async () => {
    const { menuTemplate, viewHash, MENU_VIEWS } = await load<Menu>('menu.js')
    const { menuLabels } = await load<MenuLabels>('menuLabels.js')
    const opened: string[] = []
    const actions = { newPlan: () => opened.push('new'), showView: (view: string) => opened.push(view), printToPdf: () => opened.push('pdf'), openDataFolder: () => opened.push('folder'), about: () => opened.push('about') }
    const template = menuTemplate(menuLabels('ja-JP'), actions, '0.1.0', false)
    expect(template.map((m) => m.label)).toEqual(['ファイル', '編集', '表示', 'ヘルプ'])
    const view = template[2]!.submenu as { label?: string; click?: () => void }[]
    expect(view.slice(0, MENU_VIEWS.length).map((item) => item.label)).toEqual(MENU_VIEWS.map((v) => ja.nav[v]))
    view[1]!.click?.()
    expect(opened).toEqual(['table'])
    expect(menuLabels('km-KH').file).toBe('ឯកសារ')
    expect(menuLabels('tl-PH').newPlan).toBe('Bagong plano')
    expect(menuLabels('de-DE').file).toBe('File')
    expect(menuTemplate(menuLabels('en'), actions, '0.1.0', true)[0]).toEqual({ role: 'appMenu' })
    expect(viewHash('http://127.0.0.1:4000/#/plan/p1/action/a2', 'history')).toBe('#/plan/p1/history')
    expect(viewHash('http://127.0.0.1:4000/#/plan/p1', 'board')).toBe('#/plan/p1')
    expect(viewHash('http://127.0.0.1:4000/#/commitments', 'table')).toBeNull()
    expect(viewHash('http://127.0.0.1:4000/#/plan/p1";alert(1)//', 'table')).toBeNull()
  })

  it('hosts a workshop on the LAN: the invite link it produces works from another machine’s address; stopping frees the port', async () => {
    const { startHostedSession } = await load<Hosted>('hostedSession.js')
    const { lanAddress } = await load<Lan>('lanAddress.js')
    const lan = lanAddress(networkInterfaces())
    const session = await startHostedSession({ dataDir: tempDataDir(), staticDir: tempDataDir(), lan: true })
    try {
      if (lan === null) {
        // A machine with no network but loopback: the session stays on this computer.
        expect(session.lanOrigin).toBeNull()
        return
      }
      expect(session.lanOrigin).toBe(`http://${lan}:${session.port}`)
      // The app learns the address to build links from; the owner invites a participant.
      const info = (await (await fetch(`${session.origin}/api/server`)).json()) as { publicOrigin: string }
      expect(info.publicOrigin).toBe(session.lanOrigin)
      const created = await fetch(`${session.origin}/api/plans/desk/invites`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.localOwnerToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'editor', name: 'Sokha Chan', org: 'CLC' }),
      })
      const { token } = (await created.json()) as { token: string }
      const link = `${info.publicOrigin}/#/plan/desk?token=${token}`
      // A participant's stock client, through the link's address: the LAN interface, not loopback.
      const url = new URL(link)
      const participant = connectClient(`ws://${url.host}`, 'plan/desk', new URLSearchParams(url.hash.split('?')[1]).get('token') ?? '')
      await synced(participant)
      participant.doc.getMap('meta').set('title', 'Hosted on the LAN')
      const host = connectClient(session.wsUrl, 'plan/desk', session.localOwnerToken)
      await waitFor('the host has the participant’s edit', () => host.doc.getMap('meta').get('title') === 'Hosted on the LAN')
      participant.destroy()
      host.destroy()
    } finally {
      await session.stop()
    }
    expect(await portIsFree(session.port)).toBe(true)
  })
})
