import { createServer } from 'node:net'
import { networkInterfaces } from 'node:os'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import ja from '../../shared/messages/ja.json' with { type: 'json' }
import type * as HostControllerModule from '../../electron/hostController.js'
import type * as LanModule from '../../electron/lanAddress.js'
import type * as MenuModule from '../../electron/menu.js'
import type * as MenuLabelsModule from '../../electron/menuLabels.js'
import type * as NavigationModule from '../../electron/navigation.js'
import type * as WindowStateModule from '../../electron/windowState.js'
import { forkHostProcess, loadBuilt } from '../helpers/hostProcess.js'
import { connectClient, synced, tempDataDir } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

const load = loadBuilt

type Lan = typeof LanModule
type Navigation = typeof NavigationModule
type HostControl = typeof HostControllerModule
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
    const joined = 'http://192.168.1.40:41730'
    expect(decideNavigation(`${app}/#/plan/p1`, [app])).toEqual({ kind: 'allow' })
    expect(decideNavigation('https://www.ilo.org/global/topics/fair-recruitment', [app])).toEqual({ kind: 'external', url: 'https://www.ilo.org/global/topics/fair-recruitment' })
    expect(decideNavigation('mailto:secretariat@example.org', [app])).toMatchObject({ kind: 'external' })
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://share/x', 'https://ilo.org@evil.example/', 'not a url', 'http://127.0.0.1:9999/']) {
      expect(decideNavigation(bad, [app]).kind === 'allow').toBe(false)
    }
    expect(decideNavigation('file:///etc/passwd', [app])).toEqual({ kind: 'deny' })
    // A server the person joined is shown in the window too, and only while it is the one joined.
    expect(decideNavigation(`${joined}/#/plan/p9`, [app, joined])).toEqual({ kind: 'allow' })
    expect(decideNavigation(`${joined}/#/plan/p9`, [app])).toMatchObject({ kind: 'external' })
    expect(isTrustedSender(`${app}/#/`, [app])).toBe(true)
    expect(isTrustedSender(`${joined}/#/`, [app])).toBe(false)
    expect(isTrustedSender('https://evil.example/', [app, joined])).toBe(false)
    expect(isTrustedSender(undefined, [app])).toBe(false)
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
    const actions = { newPlan: () => opened.push('new'), hostWorkshop: () => opened.push('host'), showView: (view: string) => opened.push(view), printToPdf: () => opened.push('pdf'), openDataFolder: () => opened.push('folder'), about: () => opened.push('about') }
    const template = menuTemplate(menuLabels('ja-JP'), actions, '0.1.0', false)
    expect(template.map((m) => m.label)).toEqual(['ファイル', '編集', '表示', 'ヘルプ'])
    const view = template[2]!.submenu as { label?: string; click?: () => void }[]
    expect(view.slice(0, MENU_VIEWS.length).map((item) => item.label)).toEqual(MENU_VIEWS.map((v) => ja.nav[v]))
    view[1]!.click?.()
    const file = template[0]!.submenu as { label?: string; click?: () => void }[]
    expect(file[1]!.label).toBe(ja.desktop.hostWorkshop)
    file[1]!.click?.()
    expect(file[2]!.label).toBe(ja.desktop.importExport)
    file[2]!.click?.()
    expect(opened).toEqual(['table', 'host', 'table'])
    expect(menuLabels('km-KH').file).toBe('ឯកសារ')
    expect(menuLabels('tl-PH').newPlan).toBe('Bagong plano')
    expect(menuLabels('de-DE').file).toBe('File')
    expect(menuTemplate(menuLabels('en'), actions, '0.1.0', true)[0]).toEqual({ role: 'appMenu' })
    expect(viewHash('http://127.0.0.1:4000/#/plan/p1/action/a2', 'history')).toBe('#/plan/p1/history')
    expect(viewHash('http://127.0.0.1:4000/#/plan/p1', 'board')).toBe('#/plan/p1')
    expect(viewHash('http://127.0.0.1:4000/#/commitments', 'table')).toBeNull()
    expect(viewHash('http://127.0.0.1:4000/#/plan/p1";alert(1)//', 'table')).toBeNull()
  })

  it('hosts a workshop from the server’s own process: on this computer only, then on the LAN on the same port, links that work from another machine, stop flushes and frees the port', async () => {
    const { HostController } = await load<HostControl>('hostController.js')
    const { lanAddress } = await load<Lan>('lanAddress.js')
    const lan = lanAddress(networkInterfaces())
    const place = { dataDir: tempDataDir(), staticDir: fileURLToPath(new URL('../../dist/renderer', import.meta.url)), port: 0 }
    const host = new HostController(forkHostProcess, place)
    const alone = await host.start(false)
    expect(host.status()).toEqual({ hosting: false, lanOrigin: null })
    expect((await fetch(`${alone.origin}/`)).status).toBe(200)
    if (lan) await expect(fetch(`http://${lan}:${alone.port}/healthz`)).rejects.toThrow()
    const owner = connectClient(alone.wsUrl, 'plan/desk', alone.localOwnerToken)
    await synced(owner)
    owner.doc.getMap('meta').set('title', 'Before hosting')

    // One click: the same server, restarted on every interface, on the same port (the window's address, and its stored data, stay).
    const hosted = await host.start(true)
    expect(hosted.port).toBe(alone.port)
    try {
      if (lan === null) {
        expect(host.status()).toEqual({ hosting: true, lanOrigin: null })
        return
      }
      expect(host.status()).toEqual({ hosting: true, lanOrigin: `http://${lan}:${alone.port}` })
      const info = (await (await fetch(`${hosted.origin}/api/server`)).json()) as { publicOrigin: string }
      expect(info.publicOrigin).toBe(hosted.lanOrigin)
      const created = await fetch(`${hosted.origin}/api/plans/desk/invites`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hosted.localOwnerToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'editor', name: 'Sokha Chan', org: 'CLC' }),
      })
      const { token } = (await created.json()) as { token: string }
      // A participant's stock client, through the invite link's address: the LAN interface, not loopback.
      const url = new URL(`${info.publicOrigin}/#/plan/desk?token=${token}`)
      const participant = connectClient(`ws://${url.host}`, 'plan/desk', new URLSearchParams(url.hash.split('?')[1]).get('token') ?? '')
      await synced(participant)
      expect(participant.doc.getMap('meta').get('title')).toBe('Before hosting')
      participant.doc.getMap('meta').set('title', 'Hosted on the LAN')
      // The host's own client lost its server to the restart and came back by itself.
      await waitFor('the host has the participant’s edit', () => owner.doc.getMap('meta').get('title') === 'Hosted on the LAN')
      // The history runs in a worker thread here (the packaged binary cannot fork itself as Node).
      await waitFor('the history has both titles', async () => {
        const res = await fetch(`${hosted.origin}/api/plans/desk/history`, { headers: { authorization: `Bearer ${hosted.localOwnerToken}` } })
        const body = (await res.json()) as { changes: { after?: unknown }[] }
        return body.changes.some((c) => c.after === 'Hosted on the LAN') && body.changes.some((c) => c.after === 'Before hosting')
      })
      participant.destroy()
    } finally {
      owner.destroy()
      await host.stop()
    }
    expect(host.current).toBeNull()
    expect(await portIsFree(hosted.port)).toBe(true)

    // The next launch: the same port, and everything written before the stop is there.
    const again = new HostController(forkHostProcess, { ...place, port: hosted.port })
    const reopened = await again.start(false)
    try {
      expect(reopened.origin).toBe(alone.origin)
      const reader = connectClient(reopened.wsUrl, 'plan/desk', reopened.localOwnerToken)
      await synced(reader)
      expect(reader.doc.getMap('meta').get('title')).toBe(lan ? 'Hosted on the LAN' : 'Before hosting')
      reader.destroy()
    } finally {
      await again.stop()
    }
  })

  it('the server’s process answers a command it cannot read with a failure, and keeps serving', async () => {
    const { HostController } = await load<HostControl>('hostController.js')
    const answers: unknown[] = []
    const child = forkHostProcess()
    child.onMessage((message) => answers.push(message))
    child.postMessage({ type: 'start', dataDir: '', staticDir: 'x', lan: 'yes', port: -1 } as never)
    await waitFor('a failure', () => answers.length === 1)
    expect(answers[0]).toMatchObject({ type: 'failed' })
    child.kill()
    // A port taken meanwhile: the server starts on another one rather than not at all.
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const port = (taken.address() as { port: number }).port
    const host = new HostController(forkHostProcess, { dataDir: tempDataDir(), staticDir: tempDataDir(), port })
    try {
      const session = await host.start(false)
      expect(session.port).not.toBe(port)
    } finally {
      await host.stop()
      taken.close()
    }
  })
})
