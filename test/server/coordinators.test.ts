import { describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { addAction, createPlan, readDiscussion, readPlan, setVerdict, startThread } from '../../shared/index.js'
import { serverFixture } from '../helpers/fixture.js'
import { awarenessPayload, frame, SYNC_STEP_2, SYNC_UPDATE } from '../helpers/frames.js'
import { closeOf, connectClient, deniedReasons, rawSocket, synced, tokenFor, upgradeAnswer as upgrade, type Client } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

const fx = serverFixture()
const http = (path: string, token: string, init: RequestInit = {}) =>
  fetch(`${fx.server().url.replace('ws://', 'http://')}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } })

interface Issued {
  token: string
  identity: { tokenId: string; role: string; plan: unknown }
}

/** Three plans with one action each, and the host's token (the local owner's, from this computer). */
const threePlans = async () => {
  await fx.start()
  const actionIds: Record<string, string> = {}
  for (const id of ['p1', 'p2', 'p3']) {
    const owner = await fx.join(`plan/${id}`, 'owner', 'Aiko Tanaka', 'ILO')
    await synced(owner)
    const created = createPlan(owner.doc, { title: `Corridor ${id}` })
    if (!created.ok) throw new Error('create failed')
    const added = addAction(owner.doc, { areaId: created.value.areaIds[0]!, title: `Commitment in ${id}` })
    if (!added.ok) throw new Error('add failed')
    actionIds[id] = added.value.id
  }
  const { token: host } = await fx.server().tokens.issue({ plan: '*', role: 'owner', name: 'Host', loopback: true })
  const listed = async (token: string) => ((await (await http('/api/plans', token)).json()) as { plans: { id: string }[] }).plans.map((p) => p.id).sort()
  await waitFor('the server lists the three plans', async () => (await listed(host)).length === 3)
  const invite = async (plans: string[] | '*', name = 'Kenji Mori', org = 'JICA'): Promise<Issued> => {
    const res = await http('/api/coordinators', host, { method: 'POST', body: JSON.stringify({ name, org, days: 90, plans }) })
    expect(res.status).toBe(200)
    return (await res.json()) as Issued
  }
  return { host, actionIds, listed, invite }
}

const joined = (room: string, token: string): Client => connectClient(fx.server().url, room, token)

describe('a coordinator invite covers the plans it names', () => {
  it('sees exactly its plans, over HTTP and websocket, and nothing of the others', async () => {
    const { listed, invite } = await threePlans()
    const { token, identity } = await invite(['p1', 'p2'])
    expect(identity).toMatchObject({ role: 'coordinator', plan: ['p1', 'p2'] })

    expect(await listed(token)).toEqual(['p1', 'p2'])
    for (const room of ['plan/p1', 'plan/p2/discussion', 'plan/p1/note/n1']) expect(await upgrade(`${fx.server().url}/${room}?token=${token}`)).toBe('open')
    for (const room of ['plan/p3', 'plan/p3/discussion', 'plan/p3/note/n1']) {
      expect(await upgrade(`${fx.server().url}/${room}?token=${token}`)).toMatchObject({ status: 403, body: expect.stringContaining('another plan') })
    }
    expect((await http('/api/plans/p1/history', token)).status).toBe(200)
    expect((await http('/api/plans/p3/history', token)).status).toBe(403)
    expect(((await (await http('/api/me?plan=p2', token)).json()) as { name: string }).name).toBe('Kenji Mori')
    expect((await http('/api/me?plan=p3', token)).status).toBe(403)

    // Reading is complete: the plan with its action, as every invite sees it.
    const reader = joined('plan/p2', token)
    await synced(reader)
    await waitFor('the coordinator reads the plan', () => readPlan(reader.doc).actions.some((a) => a.title === 'Commitment in p2'))
    reader.destroy()
  })

  it('an invite for every plan covers plans created after it, and cannot create one', async () => {
    const { listed, invite } = await threePlans()
    const { token } = await invite('*')
    expect(await listed(token)).toEqual(['p1', 'p2', 'p3'])
    const later = await fx.join('plan/p4', 'owner')
    await synced(later)
    createPlan(later.doc, { title: 'A later corridor' })
    await waitFor('the later plan is listed for the coordinator', async () => (await listed(token)).includes('p4'))

    const creator = joined('plan/p5', token)
    await synced(creator)
    const denied = deniedReasons(creator)
    createPlan(creator.doc, { title: 'Made by a coordinator' })
    await waitFor('the write is refused', () => denied.length > 0)
    expect(denied[0]).toContain('coordinator may not change this plan')
    creator.destroy()
    expect(await listed(token)).not.toContain('p5')
  })
})

describe('a coordinator reads, comments and exports, and writes nothing else', () => {
  it('every kind of plan or note write is refused and lost; comments are taken; verdicts are not', async () => {
    const { invite, actionIds } = await threePlans()
    const { token } = await invite(['p1'])
    const editor = await fx.join('plan/p1', 'editor')
    const editorTalk = await fx.join('plan/p1/discussion', 'editor')
    const editorNote = await fx.join('plan/p1/note/n1', 'editor')
    await Promise.all([editor, editorTalk, editorNote].map((c) => synced(c)))

    // Raw frames for each sync message that carries changes: step 2 and update, to the plan and a note.
    for (const room of ['plan/p1', 'plan/p1/note/n1']) {
      const raw = await rawSocket(`${fx.server().url}/${room}?token=${token}`)
      const frames: Uint8Array[] = []
      raw.on('message', (data: Buffer) => frames.push(new Uint8Array(data)))
      for (const sub of [SYNC_STEP_2, SYNC_UPDATE]) {
        const rogue = new Y.Doc()
        rogue.getMap('meta').set('title', `Hijacked by ${sub}`)
        rogue.getText('root').insert(0, 'coordinator text')
        raw.send(frame(0, Y.encodeStateAsUpdate(rogue), sub))
      }
      await waitFor(`${room}: both writes denied`, () => frames.filter((f) => f[0] === 2 && f[1] === 0).length >= 2)
      raw.close()
    }

    // Presence is read and announced, under the invite's name whatever the client claims.
    const presence = await rawSocket(`${fx.server().url}/plan/p1?token=${token}`)
    presence.send(frame(1, awarenessPayload(777, 1, { user: { name: 'Aiko Tanaka', org: 'ILO', color: '#1b6e3a' } })))
    const editorSees = () => editor.provider.awareness.getStates().get(777) as { user?: { name: string; org: string } } | undefined
    await waitFor('the editor sees the coordinator', () => editorSees() !== undefined)
    expect(editorSees()?.user).toMatchObject({ name: 'Kenji Mori', org: 'JICA' })
    presence.close()

    const talk = joined('plan/p1/discussion', token)
    await synced(talk)
    const denied = deniedReasons(talk)
    startThread(talk.doc, { actionId: actionIds.p1!, body: 'JICA will fund the hotline training', author: { name: 'Kenji Mori', org: 'JICA' } })
    const bodies = (doc: Y.Doc) => [...readDiscussion(doc).threadsByAction.values()].flat().flatMap((t) => t.comments.map((c) => c.body))
    await waitFor('the editor sees the comment', () => bodies(editorTalk.doc).includes('JICA will fund the hotline training'))
    setVerdict(talk.doc, { actionId: actionIds.p1!, verdict: 'endorse', note: '', by: { name: 'Kenji Mori', org: 'JICA' } })
    await waitFor('the verdict is refused', () => denied.some((r) => r.includes('verdict')))
    talk.destroy()

    const check = await fx.join('plan/p1', 'editor')
    const checkNote = await fx.join('plan/p1/note/n1', 'editor')
    const checkTalk = await fx.join('plan/p1/discussion', 'editor')
    await Promise.all([check, checkNote, checkTalk].map((c) => synced(c)))
    expect(readPlan(check.doc).meta.title).toBe('Corridor p1')
    expect(checkNote.doc.getText('root').toString()).toBe('')
    expect(checkNote.doc.getMap('meta').size).toBe(0)
    expect(readDiscussion(checkTalk.doc).verdictsByAction.get(actionIds.p1!) ?? []).toEqual([])
    expect(bodies(checkTalk.doc)).toContain('JICA will fund the hotline training')
  })

  it('manages no invites, names no one, and is revoked by the host with its socket closed', async () => {
    const { host, invite } = await threePlans()
    const { token, identity } = await invite(['p1', 'p2'])
    expect((await http('/api/plans/p1/invites', token)).status).toBe(403)
    expect((await http('/api/plans/p1/invites', token, { method: 'POST', body: JSON.stringify({ role: 'viewer', name: 'Friend' }) })).status).toBe(403)
    expect((await http('/api/me', token, { method: 'PUT', body: JSON.stringify({ name: 'Someone else', org: 'ILO' }) })).status).toBe(403)
    expect((await http('/api/coordinators', token)).status).toBe(403)
    expect((await http('/api/coordinators', token, { method: 'POST', body: JSON.stringify({ name: 'Copy', plans: '*' }) })).status).toBe(403)

    const listedByHost = ((await (await http('/api/coordinators', host)).json()) as { invites: { id: string; plan: unknown }[] }).invites
    expect(listedByHost).toEqual([expect.objectContaining({ id: identity.tokenId, plan: ['p1', 'p2'] })])

    const live = joined('plan/p2/discussion', token)
    await synced(live)
    const closed = closeOf(live.provider.ws as unknown as WebSocket)
    expect((await http(`/api/coordinators/${identity.tokenId}/revoke`, host, { method: 'POST' })).status).toBe(200)
    expect((await closed).code).toBe(4401)
    live.destroy()
    expect(await upgrade(`${fx.server().url}/plan/p1?token=${token}`)).toMatchObject({ status: 401, body: expect.stringContaining('revoked') })
  })

  it('only the host invites coordinators, for plans that exist; a plan owner cannot, nor hand out the role', async () => {
    const { host } = await threePlans()
    const planOwner = await tokenFor(fx.server(), 'plan/p1', 'owner', 'Aiko Tanaka', 'ILO')
    expect((await http('/api/coordinators', planOwner, { method: 'POST', body: JSON.stringify({ name: 'Kenji', plans: ['p1'] }) })).status).toBe(403)
    const asRole = await http('/api/plans/p1/invites', planOwner, { method: 'POST', body: JSON.stringify({ role: 'coordinator', name: 'Kenji' }) })
    expect(asRole.status).toBe(400)

    const refused = async (body: unknown) => {
      const res = await http('/api/coordinators', host, { method: 'POST', body: JSON.stringify(body) })
      return { status: res.status, error: ((await res.json()) as { error: string }).error }
    }
    expect(await refused({ name: 'Kenji', plans: [] })).toMatchObject({ status: 400, error: expect.stringContaining('at least one plan') })
    expect(await refused({ name: 'Kenji', plans: ['p1', 'nowhere'] })).toMatchObject({ status: 400, error: expect.stringContaining('nowhere') })
    expect(await refused({ name: '', plans: '*' })).toMatchObject({ status: 400, error: expect.stringContaining('name') })
    expect(await refused({ name: 'Kenji', plans: '*', role: 'owner' })).toMatchObject({ status: 400 })
    expect(((await (await http('/api/coordinators', host)).json()) as { invites: unknown[] }).invites).toEqual([])
  })
})
