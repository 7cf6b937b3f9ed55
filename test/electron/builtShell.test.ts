import { createServer } from 'node:net'
import { networkInterfaces } from 'node:os'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type * as HostedModule from '../../electron/hostedSession.js'
import type * as LanModule from '../../electron/lanAddress.js'
import type * as NavigationModule from '../../electron/navigation.js'
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
