import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { JointPlanServer } from '../../server/index.js'
import { connectClient, startServer, synced, type Client } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

let server: JointPlanServer
const clients: Client[] = []
afterEach(async () => {
  clients.splice(0).forEach((c) => c.destroy())
  await server?.close()
})

const httpUrl = (path: string) => `${server.url.replace('ws://', 'http://')}${path}`

describe('HTTP endpoints', () => {
  it('/healthz reports uptime, rooms and connections', async () => {
    server = await startServer()
    const empty = await fetch(httpUrl('/healthz'))
    expect(empty.status).toBe(200)
    expect(await empty.json()).toMatchObject({ status: 'ok', rooms: 0, connections: 0 })
    const client = connectClient(server.url, 'plan/h1')
    clients.push(client)
    await synced(client)
    const busy = (await (await fetch(httpUrl('/healthz'))).json()) as Record<string, unknown>
    expect(busy).toMatchObject({ rooms: 1, connections: 1 })
    expect(typeof busy.uptimeSeconds).toBe('number')
  })

  it('/metrics speaks Prometheus text and counts traffic, apply time, storage writes and refusals', async () => {
    server = await startServer()
    const alice = connectClient(server.url, 'plan/m1')
    const bob = connectClient(server.url, 'plan/m1')
    clients.push(alice, bob)
    await Promise.all([synced(alice), synced(bob)])
    alice.doc.getMap('meta').set('title', 'counted')
    await waitFor('bob has it', () => bob.doc.getMap('meta').get('title') === 'counted')
    const refused = new WebSocket(`${server.url}/not-a-room`)
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
    server = await startServer()
    expect((await fetch(httpUrl('/nope'))).status).toBe(404)
    expect((await fetch(httpUrl('/healthz'), { method: 'POST' })).status).toBe(405)
  })
})
