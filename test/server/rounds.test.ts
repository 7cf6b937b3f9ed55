import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SQLITE_FILE } from '../../server/storage/SqliteUpdateLog.js'
import { actionStamp, addAction, createPlan, discussionRoom, planRoom, readDiscussion, readPlan, Round, roundStandings, setVerdict, updateAction } from '../../shared/index.js'
import { serverFixture } from '../helpers/fixture.js'
import { must } from '../helpers/must.js'
import { synced, tokenFor } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

const fx = serverFixture()

const api = (path: string, token: string, init: RequestInit = {}) =>
  fetch(`${fx.server().url.replace('ws://', 'http://')}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } })
const post = (path: string, token: string, body: unknown = {}) => api(path, token, { method: 'POST', body: JSON.stringify(body) })

describe('review rounds, through the server and real clients', () => {
  it('an owner opens a round on some actions for some organizations; it closes with where each stood, read from the log', async () => {
    const server = await fx.start()
    const owner = await fx.join(planRoom('p1'), 'owner', 'Aiko Tanaka', 'ILO')
    const clc = await fx.join(discussionRoom('p1'), 'commenter', 'Sokha Chan', 'CLC')
    const sbmi = await fx.join(discussionRoom('p1'), 'commenter', 'Dewi Lestari', 'SBMI')
    await Promise.all([owner, clc, sbmi].map((c) => synced(c)))
    const { areaIds } = must(createPlan(owner.doc, { title: 'Reviewed plan' }))
    const hotline = must(addAction(owner.doc, { areaId: areaIds[0]!, title: 'Hotline' })).id
    const shelter = must(addAction(owner.doc, { areaId: areaIds[1]!, title: 'Shelter' })).id
    const outside = must(addAction(owner.doc, { areaId: areaIds[1]!, title: 'Not in the round' })).id

    const ownerToken = await tokenFor(server, planRoom('p1'), 'owner', 'Aiko Tanaka', 'ILO')
    const clcToken = await tokenFor(server, planRoom('p1'), 'commenter', 'Sokha Chan', 'CLC')
    const input = { title: 'Review before the Phnom Penh workshop', deadline: '2025-02-01', actionIds: [hotline, shelter], orgs: ['CLC', 'SBMI', 'CLC'] }
    // Only an owner opens or closes a round; what it asks is checked.
    expect((await post('/api/plans/p1/rounds', clcToken, input)).status).toBe(403)
    for (const bad of [{ ...input, orgs: [] }, { ...input, deadline: '1 February' }, { ...input, actionIds: [] }, { ...input, openedBy: { name: 'Minister', org: 'MHLW' } }]) {
      expect((await post('/api/plans/p1/rounds', ownerToken, bad)).status).toBe(400)
    }
    const opened = await post('/api/plans/p1/rounds', ownerToken, input)
    expect(opened.status).toBe(200)
    const round = Round.parse(await opened.json())
    expect(round).toMatchObject({ orgs: ['CLC', 'SBMI'], openedBy: { name: 'Aiko Tanaka', org: 'ILO' }, closed: null })
    expect(Round.array().parse(((await (await api('/api/plans/p1/rounds', clcToken)).json()) as { rounds: unknown }).rounds)).toEqual([round])

    // Each organization sees what is asked of it, as the verdicts come in.
    const action = (id: string) => readPlan(owner.doc).actions.find((a) => a.id === id)!
    must(setVerdict(clc.doc, { actionId: hotline, verdict: 'endorse', note: '', by: { name: 'Sokha Chan', org: 'CLC' }, actionStamp: actionStamp(action(hotline)) }))
    must(setVerdict(sbmi.doc, { actionId: shelter, verdict: 'object', note: 'no budget for beds', by: { name: 'Dewi Lestari', org: 'SBMI' }, actionStamp: actionStamp(action(shelter)) }))
    must(setVerdict(sbmi.doc, { actionId: outside, verdict: 'concern', note: 'not asked', by: { name: 'Dewi Lestari', org: 'SBMI' }, actionStamp: actionStamp(action(outside)) }))
    must(updateAction(owner.doc, hotline, { due: '2027-06-30' }))
    const plan = await fx.join(planRoom('p1'), 'viewer')
    const talk = await fx.join(discussionRoom('p1'), 'viewer')
    await waitFor('everything stored', () => readPlan(plan.doc).actions.some((a) => a.due === '2027-06-30') && readDiscussion(talk.doc).verdictsByAction.get(outside)?.length === 1)
    const standings = roundStandings(round, readPlan(plan.doc), readDiscussion(talk.doc))
    expect(standings.map((s) => [s.org, s.counts, s.earlier, s.pending.map((a) => a.title)])).toEqual([
      ['CLC', { endorse: 1, concern: 0, object: 0, none: 1 }, 1, ['Hotline', 'Shelter']],
      ['SBMI', { endorse: 0, concern: 0, object: 1, none: 1 }, 0, ['Hotline']],
    ])

    expect((await post(`/api/plans/p1/rounds/${round.id}/close`, clcToken)).status).toBe(403)
    const closing = await post(`/api/plans/p1/rounds/${round.id}/close`, ownerToken)
    expect(closing.status).toBe(200)
    const closed = Round.parse(await closing.json())
    // The summary names the last stored update of each room and its chain hash.
    const db = new Database(join(server.config.dataDir, SQLITE_FILE), { readonly: true })
    const head = (room: string) => db.prepare('SELECT seq, hex(hash) AS head FROM updates WHERE room = ? ORDER BY seq DESC LIMIT 1').get(room) as { seq: number; head: string }
    const [planHead, talkHead] = [head(planRoom('p1')), head(discussionRoom('p1'))]
    db.close()
    expect(closed.closed).toMatchObject({
      by: { name: 'Aiko Tanaka', org: 'ILO' },
      plan: { seq: planHead.seq, head: planHead.head.toLowerCase() },
      discussion: { seq: talkHead.seq, head: talkHead.head.toLowerCase() },
      summary: {
        actions: 2,
        orgs: [
          { org: 'CLC', endorse: 1, concern: 0, object: 0, none: 1, earlier: 1 },
          { org: 'SBMI', endorse: 0, concern: 0, object: 1, none: 1, earlier: 0 },
        ],
        reservations: [{ actionId: shelter, title: 'Shelter', org: 'SBMI', verdict: 'object', note: 'no budget for beds', earlier: false }],
      },
    })
    // Closed once: the summary stays what it was.
    expect((await post(`/api/plans/p1/rounds/${round.id}/close`, ownerToken)).status).toBe(409)
    must(setVerdict(clc.doc, { actionId: shelter, verdict: 'endorse', note: '', by: { name: 'Sokha Chan', org: 'CLC' }, actionStamp: actionStamp(action(shelter)) }))
    const listed = Round.array().parse(((await (await api('/api/plans/p1/rounds', clcToken)).json()) as { rounds: unknown }).rounds)
    expect(listed[0]?.closed?.summary).toEqual(closed.closed?.summary)
    expect((await post('/api/plans/p1/rounds/00000000-0000-4000-8000-000000000000/close', ownerToken)).status).toBe(404)
  })
})
