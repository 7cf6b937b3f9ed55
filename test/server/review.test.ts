import { describe, expect, it } from 'vitest'
import { actionStamp, addAction, createPlan, discussionRoom, planRoom, positions, readDiscussion, readPlan, setVerdict, updateAction, addIndicator, moveAction } from '../../shared/index.js'
import { serverFixture } from '../helpers/fixture.js'
import { must } from '../helpers/must.js'
import { synced } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

const fx = serverFixture()

describe('every organization’s position, through real clients', () => {
  it('a verdict given before its action changed is marked as given on an earlier version; one given after is not', async () => {
    await fx.start()
    const owner = await fx.join(planRoom('p1'), 'owner', 'Aiko Tanaka', 'ILO')
    const clc = await fx.join(discussionRoom('p1'), 'commenter', 'Sokha Chan', 'CLC')
    const mhlw = await fx.join(discussionRoom('p1'), 'commenter', 'Kenji Sato', 'MHLW')
    await Promise.all([owner, clc, mhlw].map((c) => synced(c)))
    const { areaIds } = must(createPlan(owner.doc, { title: 'Reviewed plan' }))
    const hotline = must(addAction(owner.doc, { areaId: areaIds[0]!, title: 'Hotline' })).id
    const shelter = must(addAction(owner.doc, { areaId: areaIds[1]!, title: 'Shelter' })).id
    const action = (id: string) => readPlan(owner.doc).actions.find((a) => a.id === id)!

    must(setVerdict(clc.doc, { actionId: hotline, verdict: 'endorse', note: '', by: { name: 'Sokha Chan', org: 'CLC' }, actionStamp: actionStamp(action(hotline)) }))
    must(updateAction(owner.doc, hotline, { due: '2027-06-30' }))
    must(setVerdict(mhlw.doc, { actionId: hotline, verdict: 'object', note: 'June is too late', by: { name: 'Kenji Sato', org: 'MHLW' }, actionStamp: actionStamp(action(hotline)) }))
    must(setVerdict(mhlw.doc, { actionId: shelter, verdict: 'concern', note: '', by: { name: 'Kenji Sato', org: 'MHLW' }, actionStamp: actionStamp(action(shelter)) }))

    // A third person reads what the server holds.
    const plan = await fx.join(planRoom('p1'), 'viewer')
    const talk = await fx.join(discussionRoom('p1'), 'viewer')
    await waitFor('everything arrived', () => readPlan(plan.doc).actions.some((a) => a.due === '2027-06-30') && readDiscussion(talk.doc).verdictsByAction.get(shelter)?.length === 1)
    const all = positions(readPlan(plan.doc), readDiscussion(talk.doc), 'CLC', { areaId: null, needsMine: false, hasObjection: false })
    const row = all.rows.find((r) => r.action.id === hotline)!
    expect(row.verdicts).toEqual([
      { org: 'CLC', verdict: 'endorse', note: '', by: 'Sokha Chan', earlier: true },
      { org: 'MHLW', verdict: 'object', note: 'June is too late', by: 'Kenji Sato', earlier: false },
    ])
    expect(all.organizations).toEqual([
      { org: 'CLC', counts: { endorse: 1, concern: 0, object: 0, none: 1 }, earlier: 1 },
      { org: 'MHLW', counts: { endorse: 0, concern: 1, object: 1, none: 0 }, earlier: 0 },
    ])
    const mine = positions(readPlan(plan.doc), readDiscussion(talk.doc), 'CLC', { areaId: null, needsMine: true, hasObjection: false })
    expect(mine.rows.map((r) => r.action.title).sort()).toEqual(['Hotline', 'Shelter'])
    const objections = positions(readPlan(plan.doc), readDiscussion(talk.doc), 'CLC', { areaId: null, needsMine: false, hasObjection: true })
    expect(objections.rows.map((r) => r.action.title)).toEqual(['Hotline'])
    const byArea = positions(readPlan(plan.doc), readDiscussion(talk.doc), 'CLC', { areaId: areaIds[1]!, needsMine: false, hasObjection: false })
    expect(byArea.rows.map((r) => r.action.title)).toEqual(['Shelter'])

    // An indicator is part of what was reviewed; the action's place on the board is not.
    const before = actionStamp(action(shelter))
    must(addAction(owner.doc, { areaId: areaIds[1]!, title: 'Legal aid' }))
    must(moveAction(owner.doc, shelter, { areaId: areaIds[1]!, index: 1 }))
    expect(actionStamp(action(shelter))).toBe(before)
    must(addIndicator(owner.doc, shelter, { label: 'Beds', target: 40 }))
    expect(actionStamp(action(shelter))).not.toBe(before)
  })
})
