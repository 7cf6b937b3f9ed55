import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { addAction, createPlan, readDiscussion, readPlan, startThread, updateAction, type FieldChange } from '../../shared/index.js'
import { SqliteUpdateLog } from '../../server/index.js'
import { serverFixture } from '../helpers/fixture.js'
import { frame, SYNC_UPDATE } from '../helpers/frames.js'
import { closeOf, connectClient, synced, tempDataDir, tokenFor, upgradeAnswer as upgrade } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

const fx = serverFixture()
const http = (path: string, token: string, init: RequestInit = {}) =>
  fetch(`${fx.server().url.replace('ws://', 'http://')}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } })

const seededPlan = async () => {
  await fx.start()
  const owner = await fx.join('plan/p1', 'owner', 'Aiko Tanaka', 'ILO')
  await synced(owner)
  const created = createPlan(owner.doc, { title: 'Shared plan' })
  if (!created.ok) throw new Error('create failed')
  const added = addAction(owner.doc, { areaId: created.value.areaIds[0]!, title: 'Union commitment' })
  if (!added.ok) throw new Error('add failed')
  return { owner, actionId: added.value.id, areaIds: created.value.areaIds }
}

describe('roles, enforced by the server', () => {
  it('a viewer reads the plan, but its writes reach neither storage nor anyone else, and are answered with permission-denied', async () => {
    const { owner } = await seededPlan()
    const viewer = await fx.join('plan/p1', 'viewer', 'Observer', 'Embassy')
    await synced(viewer)
    await waitFor('viewer reads the plan', () => readPlan(viewer.doc).actions.length === 1)
    const before = fx.server().metrics.writesDenied
    updateAction(viewer.doc, readPlan(viewer.doc).actions[0]!.id, { title: 'Rewritten by a viewer' })

    // The same write through a raw socket, to see the answer on the wire.
    const raw = new WebSocket(`${fx.server().url}/plan/p1?token=${await tokenFor(fx.server(), 'plan/p1', 'viewer')}`)
    const frames: Uint8Array[] = []
    raw.on('message', (data: Buffer) => frames.push(new Uint8Array(data)))
    await new Promise((r) => raw.once('open', r))
    const rogue = new Y.Doc()
    rogue.getMap('meta').set('title', 'Hijacked')
    raw.send(frame(0, Y.encodeStateAsUpdate(rogue), SYNC_UPDATE))
    await waitFor('permission denied', () => frames.some((f) => f[0] === 2 && f[1] === 0))
    raw.close()

    await new Promise((r) => setTimeout(r, 150))
    expect(readPlan(owner.doc).actions[0]?.title).toBe('Union commitment')
    expect(readPlan(owner.doc).meta.title).toBe('Shared plan')
    const late = await fx.join('plan/p1', 'editor')
    await synced(late)
    expect(readPlan(late.doc).actions[0]?.title).toBe('Union commitment')
    expect((await before.get()).values[0]?.value).toBeGreaterThanOrEqual(2)
  })

  it('a commenter writes the discussion, not the plan or its notes; an editor writes all three', async () => {
    await seededPlan()
    const commenter = await fx.join('plan/p1', 'commenter', 'Delegate', 'Union')
    const commenterTalk = await fx.join('plan/p1/discussion', 'commenter', 'Delegate', 'Union')
    const commenterNote = await fx.join('plan/p1/note/n1', 'commenter', 'Delegate', 'Union')
    const editorTalk = await fx.join('plan/p1/discussion', 'editor')
    const editorNote = await fx.join('plan/p1/note/n1', 'editor')
    await Promise.all([commenter, commenterTalk, commenterNote, editorTalk, editorNote].map((c) => synced(c)))

    startThread(commenterTalk.doc, { actionId: 'a1', body: 'We object to the deadline', author: { name: 'Delegate', org: 'Union' } })
    const bodies = (doc: Y.Doc) => [...readDiscussion(doc).threadsByAction.values()].flat().flatMap((t) => t.comments.map((c) => c.body))
    await waitFor('editor sees the comment', () => bodies(editorTalk.doc).includes('We object to the deadline'))
    commenter.doc.getMap('meta').set('title', 'Changed by a commenter')
    commenterNote.doc.getText('root').insert(0, 'commenter text')
    editorNote.doc.getMap('x').set('y', 1)
    startThread(editorTalk.doc, { actionId: 'a1', body: 'Noted', author: { name: 'Test User', org: 'Test Org' } })
    await waitFor('commenter sees the editor', () => bodies(commenterTalk.doc).includes('Noted'))
    await waitFor('commenter sees the note edit', () => commenterNote.doc.getMap('x').get('y') === 1)
    const check = await fx.join('plan/p1', 'editor')
    const checkNote = await fx.join('plan/p1/note/n1', 'editor')
    await Promise.all([synced(check), synced(checkNote)])
    expect(readPlan(check.doc).meta.title).toBe('Shared plan')
    expect(checkNote.doc.getText('root').toString()).toBe('')
  })

  it('only an owner manages invites, over HTTP', async () => {
    await seededPlan()
    const ownerToken = await tokenFor(fx.server(), 'plan/p1', 'owner', 'Aiko Tanaka', 'ILO')
    const editorToken = await tokenFor(fx.server(), 'plan/p1', 'editor')
    const made = await http('/api/plans/p1/invites', ownerToken, { method: 'POST', body: JSON.stringify({ role: 'commenter', name: 'Sokha', org: 'CLC', days: 7 }) })
    expect(made.status).toBe(200)
    const { token, identity } = (await made.json()) as { token: string; identity: { tokenId: string; role: string } }
    expect(identity.role).toBe('commenter')
    expect(await upgrade(`${fx.server().url}/plan/p1/discussion?token=${token}`)).toBe('open')
    expect((await http('/api/plans/p1/invites', editorToken)).status).toBe(403)
    expect((await http('/api/plans/p1/invites', editorToken, { method: 'POST', body: '{"role":"owner","name":"Me"}' })).status).toBe(403)
    const bad = await http('/api/plans/p1/invites', ownerToken, { method: 'POST', body: JSON.stringify({ role: 'king', name: '' }) })
    expect(bad.status).toBe(400)
    const list = (await (await http('/api/plans/p1/invites', ownerToken)).json()) as { invites: { id: string; name: string }[] }
    expect(list.invites.map((i) => i.name)).toContain('Sokha')

    // Revoking closes the live socket and refuses the next one.
    const live = connectClient(fx.server().url, 'plan/p1/discussion', token)
    await synced(live)
    const socket = live.provider.ws as unknown as WebSocket
    const closed = closeOf(socket)
    expect((await http(`/api/plans/p1/invites/${identity.tokenId}/revoke`, ownerToken, { method: 'POST' })).status).toBe(200)
    expect((await closed).code).toBe(4401)
    live.destroy()
    expect(await upgrade(`${fx.server().url}/plan/p1/discussion?token=${token}`)).toMatchObject({ status: 401, body: expect.stringContaining('revoked') })
  })
})

describe('tokens the server refuses', () => {
  it('refuses a missing, tampered, foreign-signed, expired, revoked or other-plan token, with a reason', async () => {
    await fx.start()
    const server = fx.server()
    const url = (token: string | null, room = 'plan/p1') => `${server.url}/${room}${token === null ? '' : `?token=${token}`}`
    const good = await tokenFor(server, 'plan/p1', 'editor')
    expect(await upgrade(url(good))).toBe('open')

    expect(await upgrade(url(null))).toMatchObject({ status: 401, body: expect.stringContaining('required') })
    const [header, payload, signature] = good.split('.') as [string, string, string]
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>
    const altered = Buffer.from(JSON.stringify({ ...claims, role: 'owner' })).toString('base64url')
    expect(await upgrade(url(`${header}.${altered}.${signature}`))).toMatchObject({ status: 401, body: expect.stringContaining('not valid') })
    const foreign = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32).fill(7))
    expect(await upgrade(url(foreign))).toMatchObject({ status: 401, body: expect.stringContaining('not valid') })
    const expired = await server.tokens.issue({ plan: 'p1', role: 'editor', name: 'Late', days: 1 }, Date.now() - 3 * 86_400_000)
    expect(await upgrade(url(expired.token))).toMatchObject({ status: 401, body: expect.stringContaining('expired') })
    const revoked = await server.tokens.issue({ plan: 'p1', role: 'editor', name: 'Gone' })
    await server.revoke(revoked.identity.tokenId)
    expect(await upgrade(url(revoked.token))).toMatchObject({ status: 401, body: expect.stringContaining('revoked') })
    expect(await upgrade(url(good, 'plan/other'))).toMatchObject({ status: 403, body: expect.stringContaining('another plan') })
    expect(await upgrade(url(good, 'plan/other/discussion'))).toMatchObject({ status: 403 })
  })

  it('accepts the local owner token from this computer only', async () => {
    await fx.start()
    const { token } = await fx.server().tokens.issue({ plan: '*', role: 'owner', name: 'Host', loopback: true })
    await expect(fx.server().tokens.verify(token, 'any', true)).resolves.toMatchObject({ role: 'owner', plan: '*' })
    await expect(fx.server().tokens.verify(token, 'any', false)).rejects.toThrow('only on this computer')
  })
})

describe('the audit trail', () => {
  const history = async (token: string, query = '') =>
    ((await (await http(`/api/plans/p1/history${query}`, token)).json()) as { changes: FieldChange[] }).changes

  it('attributes each field change to the token that sent it, whatever name a client writes into the doc', async () => {
    const { owner, actionId } = await seededPlan()
    const union = await fx.join('plan/p1', 'editor', 'Sokha Chan', 'Cambodian Labour Confederation')
    const ministry = await fx.join('plan/p1', 'editor', 'Kenji Sato', 'MHLW')
    await Promise.all([synced(union), synced(ministry)])
    await waitFor('both have the action', () => [union, ministry].every((c) => readPlan(c.doc).actions.length === 1))
    // Concurrent edits of two fields of the same action by two organizations.
    updateAction(union.doc, actionId, { status: 'in_progress', progress: 20 })
    updateAction(ministry.doc, actionId, { due: '2027-03-31' })
    // A client claiming to be someone else in the doc itself.
    ministry.doc.getMap('meta').set('lastEditedBy', 'Sokha Chan (CLC)')
    await waitFor('owner has all edits', () => readPlan(owner.doc).actions[0]?.due === '2027-03-31' && readPlan(owner.doc).actions[0]?.status === 'in_progress')

    const token = await tokenFor(fx.server(), 'plan/p1', 'viewer')
    const changes = await history(token, `?actionId=${actionId}`)
    const by = (field: string) => changes.filter((c) => c.field === field).map((c) => c.author?.org)
    expect(by('status')).toEqual(['Cambodian Labour Confederation'])
    expect(by('progress')).toEqual(['Cambodian Labour Confederation'])
    expect(by('due')).toEqual(['MHLW'])
    expect(changes.find((c) => c.field === '*')?.author).toMatchObject({ name: 'Aiko Tanaka', org: 'ILO' })
    const status = changes.find((c) => c.field === 'status')
    expect(status).toMatchObject({ before: 'planned', after: 'in_progress' })
    // Every change says what it was before, null when it did not exist: the JSON keeps both keys.
    for (const change of await history(token)) expect(Object.keys(change)).toEqual(expect.arrayContaining(['before', 'after']))
    const claimed = (await history(token)).find((c) => c.field === 'lastEditedBy')
    expect(claimed?.author).toMatchObject({ name: 'Kenji Sato', org: 'MHLW' })
    expect((await http('/api/plans/p1/history', 'not-a-token')).status).toBe(401)
    expect((await http('/api/plans/p2/history', token)).status).toBe(403)
  })

  it('stores the token id with every update, never anything the client claims', async () => {
    const dataDir = tempDataDir()
    await fx.start({ dataDir })
    const editor = await fx.join('plan/p1', 'editor', 'Dewi', 'SBMI')
    await synced(editor)
    editor.doc.getMap('meta').set('title', 'x')
    const watcher = await fx.join('plan/p1', 'viewer')
    await synced(watcher)
    await waitFor('stored', () => watcher.doc.getMap('meta').get('title') === 'x')
    const log = new SqliteUpdateLog(dataDir, 'normal')
    const rows = await log.readLog('plan/p1')
    const record = await log.getToken(rows[0]!.author!)
    await log.close()
    expect(record).toMatchObject({ name: 'Dewi', org: 'SBMI', role: 'editor' })
  })
})
