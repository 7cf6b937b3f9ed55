import { gunzipSync } from 'node:zlib'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { get } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createPlan, readPlan, updatePlanMeta } from '../../shared/index.js'
import { serverFixture } from '../helpers/fixture.js'
import { synced } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

const fx = serverFixture()
const http = (path: string, token?: string) =>
  fetch(`${fx.server().url.replace('ws://', 'http://')}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {})

/** A request with the path exactly as written (fetch would normalize the dots away). */
const rawStatus = (path: string): Promise<number> =>
  new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port: fx.server().port, path }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    }).on('error', reject)
  })

const fakeBuild = (): string => {
  const root = mkdtempSync(join(tmpdir(), 'jointplan-static-'))
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>JointPlan</title>')
  writeFileSync(join(root, 'assets', 'app-abc123.js'), 'console.log(1)')
  writeFileSync(join(root, '..', 'secret.txt'), 'do not serve')
  return root
}

describe('the app and the plan list over HTTP', () => {
  it('serves the built renderer at / with the right types and caching, and nothing outside it', async () => {
    await fx.start({ staticDir: fakeBuild() })
    const index = await http('/')
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toContain('text/html')
    expect(index.headers.get('cache-control')).toBe('no-cache')
    const asset = await http('/assets/app-abc123.js')
    expect(asset.headers.get('content-type')).toContain('text/javascript')
    expect(asset.headers.get('cache-control')).toContain('immutable')
    expect(await rawStatus('/../secret.txt')).toBe(404)
    expect(await rawStatus('/assets/../../secret.txt')).toBe(404)
    expect(await rawStatus('/%2e%2e/secret.txt')).toBe(404)
    expect(await rawStatus('/assets/app-abc123.js')).toBe(200)
    expect((await http('/assets/missing.js')).status).toBe(404)
  })

  it('sends the app’s text compressed to a browser that accepts gzip, and as it is to one that does not', async () => {
    const root = fakeBuild()
    const script = `export const catalogue = ${JSON.stringify(Array.from({ length: 500 }, (_, i) => `message ${i}`))}\n`
    writeFileSync(join(root, 'assets', 'big-1.js'), script)
    await fx.start({ staticDir: root })
    const raw = (encoding: string | null) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        get({ host: '127.0.0.1', port: fx.server().port, path: '/assets/big-1.js', headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
        }).on('error', reject)
      })
    const zipped = await raw('gzip, deflate, br')
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(zipped.body.byteLength).toBeLessThan(script.length / 3)
    expect(gunzipSync(zipped.body).toString()).toBe(script)
    expect((await raw('gzip')).body.equals(zipped.body)).toBe(true)
    const plain = await raw(null)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(script)
  })

  it('lists the plans it holds by title, newest first, without the deleted ones', async () => {
    await fx.start()
    const one = await fx.join('plan/one')
    const two = await fx.join('plan/two')
    await Promise.all([synced(one), synced(two)])
    createPlan(one.doc, { title: 'Grievance workshop' })
    createPlan(two.doc, { title: 'Recruitment review' })
    const { token: admin } = await fx.server().tokens.issue({ plan: '*', role: 'owner', name: 'Host', loopback: true })
    const listed = async () => ((await (await http('/api/plans', admin)).json()) as { plans: { id: string; title: string }[] }).plans
    await waitFor('both plans listed', async () => (await listed()).length === 2)
    expect((await listed()).map((p) => p.title).sort()).toEqual(['Grievance workshop', 'Recruitment review'])

    updatePlanMeta(one.doc, { title: 'Grievance workshop (Hanoi)' })
    await waitFor('renamed in the list', async () => (await listed()).some((p) => p.title === 'Grievance workshop (Hanoi)'))
    updatePlanMeta(two.doc, { deleted: true })
    await waitFor('deleted one gone', async () => (await listed()).length === 1)
    expect(readPlan(two.doc).meta.deleted).toBe(true)
    // Rooms that are not plans (discussion, notes) never appear.
    const note = await fx.join('plan/one/note/n1')
    await synced(note)
    note.doc.getMap('meta').set('schema', 1)
    await new Promise((r) => setTimeout(r, 100))
    expect((await listed()).map((p) => p.id)).toEqual(['one'])
  })

  it('lists a rename made after a restart, when the plan is loaded from its checkpoint', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jointplan-list-'))
    await fx.start({ dataDir })
    const first = await fx.join('plan/one')
    await synced(first)
    createPlan(first.doc, { title: 'Before the restart' })
    const { token: admin } = await fx.server().tokens.issue({ plan: '*', role: 'owner', name: 'Host', loopback: true })
    const titles = async () => ((await (await http('/api/plans', admin)).json()) as { plans: { title: string }[] }).plans.map((p) => p.title)
    await waitFor('listed', async () => (await titles()).includes('Before the restart'))
    // Shutting down writes the checkpoint the next start loads from.
    await fx.start({ dataDir })
    const second = await fx.join('plan/one')
    await synced(second)
    updatePlanMeta(second.doc, { title: 'After the restart' })
    await waitFor('renamed in the list', async () => (await titles()).includes('After the restart'), 1_000)
  })
})
