import { networkInterfaces } from 'node:os'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { synced, tokenFor } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'
import { serverFixture } from '../helpers/fixture.js'

const fx = serverFixture()
const join = fx.join

const httpUrl = (path: string) => `${fx.server().url.replace('ws://', 'http://')}${path}`

describe('HTTP endpoints', () => {
  it('/healthz reports uptime, rooms and connections', async () => {
    await fx.start()
    const empty = await fetch(httpUrl('/healthz'))
    expect(empty.status).toBe(200)
    expect(await empty.json()).toMatchObject({ status: 'ok', rooms: 0, connections: 0 })
    const client = await join('plan/h1')
    await synced(client)
    const busy = (await (await fetch(httpUrl('/healthz'))).json()) as Record<string, unknown>
    expect(busy).toMatchObject({ rooms: 1, connections: 1 })
    expect(typeof busy.uptimeSeconds).toBe('number')
  })

  it('/metrics speaks Prometheus text and counts traffic, apply time, storage writes and refusals', async () => {
    await fx.start()
    const alice = await join('plan/m1')
    const bob = await join('plan/m1')
    await Promise.all([synced(alice), synced(bob)])
    alice.doc.getMap('meta').set('title', 'counted')
    await waitFor('bob has it', () => bob.doc.getMap('meta').get('title') === 'counted')
    const refused = new WebSocket(`${fx.server().url}/not-a-room`)
    await new Promise((resolve) => refused.once('error', resolve))

    const res = await fetch(httpUrl('/metrics'))
    expect(res.headers.get('content-type')).toContain('text/plain')
    const text = await res.text()
    expect(text).toMatch(/^jointplan_connections 2$/m)
    expect(text).toMatch(/^jointplan_rooms 1$/m)
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN)
    expect(value('jointplan_messages_received_total')).toBeGreaterThan(0)
    expect(value('jointplan_messages_sent_total')).toBeGreaterThan(0)
    expect(value('jointplan_bytes_received_total')).toBeGreaterThan(0)
    expect(value('jointplan_update_apply_seconds_count')).toBeGreaterThanOrEqual(1)
    expect(value('jointplan_storage_write_seconds_count')).toBeGreaterThanOrEqual(1)
    expect(text).toMatch(/^jointplan_upgrades_refused_total\{reason="room"\} 1$/m)
  })

  it('answers unknown paths with 404 and other methods with 405', async () => {
    await fx.start()
    expect((await fetch(httpUrl('/nope'))).status).toBe(404)
    expect((await fetch(httpUrl('/healthz'), { method: 'POST' })).status).toBe(405)
  })

  it('every answer, the app’s and the API’s, carries the security headers', async () => {
    await fx.start()
    for (const path of ['/healthz', '/api/plans', '/api/me?plan=p1', '/nothing-here']) {
      const res = await fetch(httpUrl(path))
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp, path).toContain("script-src 'self'")
      expect(csp, path).not.toContain("script-src 'self' 'unsafe-inline'")
      expect(csp, path).toContain("frame-ancestors 'none'")
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer')
    }
  })

  // Another computer on the network, as far as the server can tell: this machine's own LAN address.
  const lan = Object.values(networkInterfaces()).flat().find((a) => a?.family === 'IPv4' && !a.internal)?.address
  it.runIf(lan)('/metrics answers another computer only with an owner token', async () => {
    const server = await fx.start({ host: '0.0.0.0' })
    const metrics = (token?: string) => fetch(`http://${lan}:${server.port}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
    expect((await metrics()).status).toBe(403)
    expect((await metrics(await tokenFor(server, 'plan/p1', 'editor'))).status).toBe(403)
    expect((await metrics(await tokenFor(server, 'plan/p1', 'owner'))).status).toBe(200)
    expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(200)
  })
})
