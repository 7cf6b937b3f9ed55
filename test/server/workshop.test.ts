import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  castVote, convertCard, createPlan, openWorkshop, planRoom, postCard, readPlan, readWorkshop, readWorkshopList, setWorkshopState, voteKey, workshopMaps, workshopRoom,
} from '../../shared/index.js'
import type { Role } from '../../shared/access.js'
import { serverFixture } from '../helpers/fixture.js'
import { must } from '../helpers/must.js'
import { connectClient, deniedReasons, synced, type Client } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

const fx = serverFixture()
const room = workshopRoom('p1', 'w1')

/** A client of `room` holding a fresh invite, and the invite's token id (what the server proves). */
const person = async (role: Role, name: string, org: string, target = room, doc?: Y.Doc): Promise<{ client: Client; id: string; me: { name: string; org: string } }> => {
  const issued = await fx.server().tokens.issue({ plan: 'p1', role, name, org })
  const client = connectClient(fx.server().url, target, issued.token, doc)
  await synced(client)
  return { client, id: issued.identity.tokenId, me: { name, org } }
}

describe('a workshop session, through the server and stock clients', () => {
  it('participants post and vote as their invites, within the budget; the facilitator runs the session and turns cards into proposed actions', async () => {
    await fx.start()
    const planDoc = new Y.Doc()
    const plan = await person('editor', 'Aiko Tanaka', 'ILO', planRoom('p1'), planDoc)
    const { areaIds } = must(createPlan(planDoc, { title: 'Remedy plan' }))
    const facilitator = await person('editor', 'Aiko Tanaka', 'ILO')
    must(openWorkshop(planDoc, facilitator.client.doc, {
      title: 'Final Regional Workshop', date: '2025-02-11', place: 'Phnom Penh', votesPerPerson: 3,
      questions: [{ id: 'q1', text: 'Access to remedy', areaId: areaIds[0]! }],
      agenda: [{ id: 's1', title: 'Recommendations', minutes: 30 }],
    }, { newId: () => 'w1' }))
    const clc = await person('commenter', 'Sokha Chan', 'CLC')
    const sbmi = await person('commenter', 'Dewi Lestari', 'SBMI')
    await waitFor('both see the session', () => readWorkshop(clc.client.doc).setup?.title === 'Final Regional Workshop' && readWorkshop(sbmi.client.doc).setup !== null)

    const clcDenied = deniedReasons(clc.client)
    const sbmiDenied = deniedReasons(sbmi.client)
    const legalAid = must(postCard(clc.client.doc, { questionId: 'q1', text: 'Strengthen legal aid for cross-border cases', by: clc.id, author: clc.me })).id
    const campaign = must(postCard(sbmi.client.doc, { questionId: 'q1', text: 'Awareness campaigns in countries of origin', by: sbmi.id, author: sbmi.me })).id
    const same = must(postCard(sbmi.client.doc, { questionId: 'q1', text: 'Campaigns before departure', by: sbmi.id, author: sbmi.me })).id
    await waitFor('the facilitator sees three cards', () => readWorkshop(facilitator.client.doc).cards.length === 3)
    expect([...clcDenied, ...sbmiDenied]).toEqual([])

    // Forgeries, each from a socket of its own, each refused and never stored.
    const forgeries: ((doc: Y.Doc, me: string) => void)[] = [
      (doc) => void postCard(doc, { questionId: 'q1', text: 'Posted as SBMI', by: sbmi.id, author: sbmi.me }),
      (doc) => void postCard(doc, { questionId: 'q1', text: 'Posted as the minister', by: clc.id, author: { name: 'Minister', org: 'MHLW' } }),
      (doc) => workshopMaps(doc).session.set('revealed', true),
      (doc) => workshopMaps(doc).cards.get(campaign)!.set('text', 'Campaigns are not needed'),
      (doc) => workshopMaps(doc).cards.get(same)!.set('mergedInto', legalAid),
      (doc, me) => workshopMaps(doc).votes.set(voteKey(me, 0), legalAid),
      (doc) => doc.getMap('elsewhere').set('x', 1),
    ]
    const denied: string[] = []
    for (const forge of forgeries) {
      const forger = await person('commenter', 'Sokha Chan', 'CLC')
      const reasons = deniedReasons(forger.client)
      forge(forger.client.doc, forger.id)
      await waitFor('the forgery is refused', () => reasons.length === 1)
      denied.push(...reasons)
      forger.client.destroy()
    }
    expect(denied).toEqual([
      'a card must carry the invite that posts it',
      'a card must carry the invite that posts it',
      'only the facilitator (an owner or editor of the plan) runs the session',
      'a participant changes only the wording of their own cards',
      'a participant changes only the wording of their own cards',
      'voting is not open',
      'a workshop holds its session, cards and votes only',
    ])

    // The facilitator merges the duplicate and opens voting; each has 3 votes.
    workshopMaps(facilitator.client.doc).cards.get(same)!.set('mergedInto', campaign)
    must(setWorkshopState(facilitator.client.doc, { voting: true }))
    await waitFor('voting is open for the participants', () => readWorkshop(clc.client.doc).state.voting && readWorkshop(sbmi.client.doc).state.voting)
    for (let i = 0; i < 3; i++) must(castVote(clc.client.doc, clc.id, legalAid))
    expect(castVote(clc.client.doc, clc.id, legalAid)).toMatchObject({ ok: false, error: { issues: [{ rule: { key: 'noVotesLeft' } }] } })
    // A fourth vote forged past the budget, and a vote cast as someone else, are refused.
    const overBudget = deniedReasons(clc.client)
    workshopMaps(clc.client.doc).votes.set(voteKey(clc.id, 3), campaign)
    await waitFor('the fourth vote is refused', () => overBudget.length === 1)
    expect(overBudget).toEqual(['each participant has 3 votes'])
    const asOther = await person('commenter', 'Sokha Chan', 'CLC')
    const other = deniedReasons(asOther.client)
    workshopMaps(asOther.client.doc).votes.set(voteKey(sbmi.id, 0), legalAid)
    await waitFor('a vote as another invite is refused', () => other.length === 1)
    expect(other).toEqual(['a vote is cast only by its own invite'])

    // SBMI votes offline, within its budget: the votes sync when it is back.
    sbmi.client.provider.disconnect()
    must(castVote(sbmi.client.doc, sbmi.id, campaign))
    must(castVote(sbmi.client.doc, sbmi.id, same))
    const offline = deniedReasons(sbmi.client)
    sbmi.client.provider.connect()
    await synced(sbmi.client)

    const reader = await person('viewer', 'Observer', 'Embassy')
    await waitFor('every vote stored', () => readWorkshop(reader.client.doc).votesBy.size === 2)
    expect(offline).toEqual([])
    const tally = readWorkshop(reader.client.doc)
    // Cards posted in the same millisecond have no order of their own: compared by wording.
    expect(tally.cards.map((c) => [c.text, c.votes, c.merged.map((m) => m.text)]).sort()).toEqual([
      ['Awareness campaigns in countries of origin', 2, ['Campaigns before departure']],
      ['Strengthen legal aid for cross-border cases', 3, []],
    ])
    expect(tally.cards.find((c) => c.id === legalAid)?.author).toEqual({ name: 'Sokha Chan', org: 'CLC' })
    expect(tally.organizations).toEqual(['CLC', 'SBMI'])

    // The chosen card becomes a proposed action with its provenance; then the session closes.
    const actionId = must(convertCard(planDoc, facilitator.client.doc, 'w1', legalAid, { areaId: areaIds[0]!, title: 'Legal aid for cross-border cases' })).actionId
    must(setWorkshopState(facilitator.client.doc, { voting: false, revealed: true, closed: true }))
    const planReader = await person('viewer', 'Observer', 'Embassy', planRoom('p1'))
    await waitFor('the action reached the plan', () => readPlan(planReader.client.doc).actions.some((a) => a.id === actionId))
    expect(readPlan(planReader.client.doc).actions.find((a) => a.id === actionId)).toMatchObject({
      origin: 'proposed', summary: 'Strengthen legal aid for cross-border cases',
      provenance: { workshopId: 'w1', cardId: legalAid, workshop: 'Final Regional Workshop', on: '2025-02-11', place: 'Phnom Penh', votes: 3, proposedBy: ['CLC'] },
    })
    expect(readWorkshopList(planReader.client.doc)).toEqual([{ id: 'w1', title: 'Final Regional Workshop', date: '2025-02-11', place: 'Phnom Penh' }])
    await waitFor('the card knows its action', () => readWorkshop(reader.client.doc).cardsById.get(legalAid)?.actionId === actionId && readWorkshop(reader.client.doc).state.closed)

    // Closed: read-only for everyone.
    const late = deniedReasons(clc.client)
    // Written straight into the doc: the app's command already refuses a closed session.
    workshopMaps(clc.client.doc).cards.set('late', new Y.Map(Object.entries({ questionId: 'q1', text: 'Too late', by: clc.id, author: clc.me, createdAt: new Date().toISOString() })))
    await waitFor('a post to a closed session is refused', () => late.length >= 1)
    expect(late[0]).toBe('this workshop session is closed')
    const cardsNow = await person('viewer', 'Observer', 'Embassy')
    expect(readWorkshop(cardsNow.client.doc).cardsById.size).toBe(3)
    for (const c of [plan, facilitator, clc, sbmi, asOther, reader, planReader, cardsNow]) c.client.destroy()
  })

  it('a join code lets each person in the room take an invite of their own; codes are guessed at 2 tries a second at most', async () => {
    const server = await fx.start()
    const base = server.url.replace('ws://', 'http://')
    const call = (path: string, init: RequestInit = {}, token?: string) =>
      fetch(`${base}${path}`, { ...init, redirect: 'manual', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } })
    const owner = (await server.tokens.issue({ plan: 'p1', role: 'owner', name: 'Aiko Tanaka', org: 'ILO' })).token
    const editor = (await server.tokens.issue({ plan: 'p1', role: 'editor', name: 'Kenji', org: 'MHLW' })).token
    const path = '/api/plans/p1/workshops/w1/join-code'
    expect((await call(path, { method: 'POST', body: '{}' }, editor)).status).toBe(403)
    expect((await call(path, { method: 'POST', body: '{"role":"owner"}' }, owner)).status).toBe(400)
    const made = (await (await call(path, { method: 'POST', body: '{"role":"commenter"}' }, owner)).json()) as { joinCode: { code: string } }
    expect(made.joinCode.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/)
    expect(((await (await call(path, {}, owner)).json()) as { joinCode: { code: string } }).joinCode.code).toBe(made.joinCode.code)

    const short = await call(`/j/${made.joinCode.code.toLowerCase()}`)
    expect([short.status, short.headers.get('location')]).toEqual([302, `/#/join/${made.joinCode.code}`])

    const joined = await call('/api/join', { method: 'POST', body: JSON.stringify({ code: made.joinCode.code, name: 'Sokha Chan', org: 'CLC' }) })
    expect(joined.status).toBe(200)
    const { token, planId, workshopId } = (await joined.json()) as { token: string; planId: string; workshopId: string }
    expect([planId, workshopId]).toEqual(['p1', 'w1'])
    expect(await (await call('/api/me?plan=p1', {}, token)).json()).toMatchObject({ name: 'Sokha Chan', org: 'CLC', role: 'commenter', plan: 'p1' })
    expect((await call('/api/plans/p2', {}, token)).status).not.toBe(200)

    const tries: number[] = []
    for (let i = 0; i < 12; i++) tries.push((await call('/api/join', { method: 'POST', body: JSON.stringify({ code: 'ZZZZZZZZ', name: 'Guess' }) })).status)
    expect(tries.slice(0, 8).every((status) => status === 404)).toBe(true)
    expect(tries.at(-1)).toBe(429)
    expect((await call('/api/join', { method: 'POST', body: JSON.stringify({ code: 'not a code', name: 'x' }) })).status).toBeGreaterThanOrEqual(400)
  })
})
