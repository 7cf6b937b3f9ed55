import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { addAction, createPlan, discussionRoom, planRoom, readDiscussion, readPlan, setVerdict, updateAction, verifyVersion, VersionFile, type Version } from '../../shared/index.js'
import { runVerify } from '../helpers/childServer.js'
import { serverFixture } from '../helpers/fixture.js'
import { must } from '../helpers/must.js'
import { synced, tempDataDir, tokenFor, upgradeAnswer } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

const fx = serverFixture()
const sha256 = (bytes: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(bytes).digest())
const http = (path: string, token: string, init: RequestInit = {}) =>
  fetch(`${fx.server().url.replace('ws://', 'http://')}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } })

/** A plan with two actions and a union's verdict, written by real clients. */
const reviewedPlan = async () => {
  await fx.start()
  const owner = await fx.join(planRoom('p1'), 'owner', 'Aiko Tanaka', 'ILO')
  const union = await fx.join(discussionRoom('p1'), 'commenter', 'Sokha Chan', 'CLC')
  await Promise.all([synced(owner), synced(union)])
  const { areaIds } = must(createPlan(owner.doc, { title: 'Joint work plan 2025' }))
  const hotline = must(addAction(owner.doc, { areaId: areaIds[0]!, title: 'Multilingual hotline' })).id
  must(addAction(owner.doc, { areaId: areaIds[2]!, title: 'Zero-fee recruitment' }))
  must(setVerdict(union.doc, { actionId: hotline, verdict: 'endorse', note: 'agreed in Phnom Penh', by: { name: 'Sokha Chan', org: 'CLC' } }))
  const ownerToken = await tokenFor(fx.server(), planRoom('p1'), 'owner', 'Aiko Tanaka', 'ILO')
  const stored = async (room: string) => ((await (await http('/api/plans/p1/history', ownerToken)).json()) as { changes: { entity: string }[] }).changes.some((c) => c.entity === room)
  await waitFor('plan and verdict stored', async () => (await stored('action')) && (await stored('verdict')), 10_000)
  return { owner, union, hotline, ownerToken }
}

const adopt = async (token: string) => {
  const res = await http('/api/plans/p1/versions', token, {
    method: 'POST',
    body: JSON.stringify({ name: 'Adopted at the Final Regional Workshop', adoptedOn: '2025-02-11', place: 'Phnom Penh', note: 'by consensus' }),
  })
  return { status: res.status, body: (await res.json()) as Version & { error?: string } }
}

describe('versions: named points in the plan’s log', () => {
  it('an owner adopts the current state; every reader lists and exports it; the export rebuilds that state, not later ones', async () => {
    const { owner, union, hotline, ownerToken } = await reviewedPlan()
    const editor = await tokenFor(fx.server(), planRoom('p1'), 'editor', 'Dewi', 'SBMI')
    const viewer = await tokenFor(fx.server(), planRoom('p1'), 'viewer', 'Observer', 'Embassy')
    expect((await adopt(editor)).status).toBe(403)
    const { status, body: version } = await adopt(ownerToken)
    expect(status).toBe(200)
    expect(version).toMatchObject({ name: 'Adopted at the Final Regional Workshop', place: 'Phnom Penh', createdBy: { name: 'Aiko Tanaka', org: 'ILO' } })
    expect(version.plan.seq).toBeGreaterThan(0)
    const bad = await http('/api/plans/p1/versions', ownerToken, { method: 'POST', body: JSON.stringify({ name: '', adoptedOn: '11/02/2025' }) })
    expect(bad.status).toBe(400)

    const listed = (await (await http('/api/plans/p1/versions', viewer)).json()) as { versions: Version[] }
    expect(listed.versions.map((v) => v.id)).toEqual([version.id])
    const exportOf = async () => VersionFile.parse(await (await http(`/api/plans/p1/versions/${version.id}/export`, viewer)).json())
    const before = await verifyVersion(await exportOf(), sha256)
    expect(before).toMatchObject({ ok: true, title: 'Joint work plan 2025', actions: 2 })
    expect(before.verdicts).toEqual([{ actionTitle: 'Multilingual hotline', org: 'CLC', verdict: 'endorse', note: 'agreed in Phnom Penh', by: 'Sokha Chan' }])

    // Later changes and verdicts do not move the version.
    must(updateAction(owner.doc, hotline, { title: 'Hotline in five languages' }))
    must(setVerdict(union.doc, { actionId: hotline, verdict: 'object', note: 'changed after adoption', by: { name: 'Sokha Chan', org: 'CLC' } }))
    // The server stores before it forwards: once a fresh reader sees both, they are in the log.
    const planReader = await fx.join(planRoom('p1'), 'viewer')
    const talkReader = await fx.join(discussionRoom('p1'), 'viewer')
    await waitFor('the later edit and verdict are stored', () =>
      readPlan(planReader.doc).actions.some((a) => a.title === 'Hotline in five languages') &&
      readDiscussion(talkReader.doc).verdictsByAction.get(hotline)?.[0]?.verdict === 'object')
    const after = await verifyVersion(await exportOf(), sha256)
    expect(after).toMatchObject({ ok: true, contentHash: before.contentHash, verdicts: before.verdicts })
    expect((await http(`/api/plans/p2/versions/${version.id}/export`, await tokenFor(fx.server(), planRoom('p2'), 'owner'))).status).toBe(404)

    // A version is read, never written: no request changes it, and it is no room to sync into.
    for (const [path, method] of [[`/api/plans/p1/versions/${version.id}`, 'PUT'], [`/api/plans/p1/versions/${version.id}`, 'DELETE'], [`/api/plans/p1/versions/${version.id}/export`, 'POST'], [`/api/plans/p1/versions/${version.id}/export`, 'PUT']] as const) {
      expect((await http(path, ownerToken, { method, body: '{"name":"Rewritten"}' })).status).toBe(404)
    }
    expect(await upgradeAnswer(`${fx.server().url}/plan/p1/version/${version.id}?token=${ownerToken}`)).toMatchObject({ status: 400 })
    expect((await exportOf()).version).toEqual(version)
  })

  it('`npm run verify` checks an exported file with no server, and says where an altered, removed or swapped update is', async () => {
    const { ownerToken } = await reviewedPlan()
    const { body: version } = await adopt(ownerToken)
    const file = VersionFile.parse(await (await http(`/api/plans/p1/versions/${version.id}/export`, ownerToken)).json())
    await fx.server().close()
    const dir = tempDataDir()
    const check = (name: string, content: unknown) => {
      const path = join(dir, name)
      writeFileSync(path, JSON.stringify(content))
      return runVerify(path)
    }
    const good = check('good.json', file)
    expect(good.status).toBe(0)
    expect(good.stdout).toContain('VERIFIED')
    expect(good.stdout).toContain('CLC on "Multilingual hotline": endorse (agreed in Phnom Penh), by Sokha Chan')
    expect(good.stdout).toMatch(/content hash: [0-9a-f]{64}/)

    const update = Buffer.from(file.plan[1]!.update, 'base64')
    update[update.length - 1]! ^= 1
    const flipped = check('flipped.json', { ...file, plan: file.plan.map((l, i) => (i === 1 ? { ...l, update: update.toString('base64') } : l)) })
    expect(flipped.status).toBe(1)
    expect(flipped.stdout).toContain('plan: update 2 does not match its hash')
    const removed = check('removed.json', { ...file, plan: file.plan.filter((_, i) => i !== 1) })
    expect(removed.status).toBe(1)
    expect(removed.stdout).toContain('plan: update 2 is missing')
    const swapped = [...file.plan]
    ;[swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!]
    const reordered = check('swapped.json', { ...file, plan: swapped })
    expect(reordered.status).toBe(1)
    expect(reordered.stdout).toContain('out of order')
    const cut = check('cut.json', { ...file, plan: file.plan.slice(0, -1) })
    expect(cut.status).toBe(1)
    expect(cut.stdout).toContain('the version names update')
    const notAFile = check('other.json', { hello: 'world' })
    expect(notAFile.status).toBe(2)
    expect(notAFile.stderr).toContain('not a JointPlan version file')
  })
})
