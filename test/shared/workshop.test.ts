import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { castVote, mergeCard, moveCard, openWorkshop, postCard, readWorkshop, readWorkshopList, setWorkshopState, updateWorkshopSetup, voteKey, withdrawVote, workshopMaps } from '../../shared/index.js'
import { must } from '../helpers/must.js'

const session = () => {
  const plan = new Y.Doc()
  const doc = new Y.Doc()
  const { id } = must(openWorkshop(plan, doc, { title: 'Workshop', date: '2025-02-11', questions: [{ id: 'q1', text: 'Remedy', areaId: null }, { id: 'q2', text: 'Recruitment', areaId: null }], votesPerPerson: 2 }))
  const post = (by: string, text: string) => must(postCard(doc, { questionId: 'q1', text, by, author: { name: by, org: `${by} org` } })).id
  return { plan, doc, id, post }
}

describe('a workshop session, as data', () => {
  it('groups a card under another question of the session, and no other', () => {
    const { doc, post } = session()
    const card = post('t1', 'Zero fees')
    must(moveCard(doc, card, 'q2'))
    expect(readWorkshop(doc).cardsById.get(card)?.questionId).toBe('q2')
    expect(moveCard(doc, card, 'q9').ok).toBe(false)
  })

  it('changes a running session’s setup, and the plan’s list with it; keeps a question that holds cards; a closed session stays as it was', () => {
    const { plan, doc, id, post } = session()
    post('t1', 'Zero fees')
    const questions = readWorkshop(doc).setup!.questions
    const renamed = [{ ...questions[0]!, text: 'Access to remedy' }, { id: 'q3', text: 'Who follows up?', areaId: null }]
    must(updateWorkshopSetup(doc, { title: 'Final Regional Workshop', place: 'Phnom Penh', questions: renamed, votesPerPerson: 5 }, { planDoc: plan, workshopId: id }))
    expect(readWorkshop(doc).setup).toMatchObject({ title: 'Final Regional Workshop', place: 'Phnom Penh', votesPerPerson: 5, questions: renamed })
    expect(readWorkshopList(plan)).toEqual([{ id, title: 'Final Regional Workshop', date: '2025-02-11', place: 'Phnom Penh' }])
    // q1 holds a card: removing it is refused, and nothing of the change is written.
    expect(updateWorkshopSetup(doc, { title: 'Other', questions: [renamed[1]!] })).toMatchObject({ ok: false, error: { issues: [{ rule: { key: 'questionHasCards' } }] } })
    expect(readWorkshop(doc).setup?.title).toBe('Final Regional Workshop')
    must(setWorkshopState(doc, { closed: true }))
    expect(updateWorkshopSetup(doc, { title: 'After the end' })).toMatchObject({ ok: false, error: { issues: [{ rule: { key: 'workshopClosed' } }] } })
  })

  it('changing one part of how the session runs leaves the others as they were', () => {
    const { doc } = session()
    must(setWorkshopState(doc, { voting: true }))
    must(setWorkshopState(doc, { revealed: true }))
    expect(readWorkshop(doc).state).toMatchObject({ voting: true, revealed: true, closed: false })
  })

  it('counts votes within the current budget, for the card a card was merged into; a withdrawn vote frees its slot', () => {
    const { doc, post } = session()
    const a = post('t1', 'Legal aid')
    const b = post('t2', 'Campaigns')
    const c = post('t3', 'Campaigns before departure')
    must(setWorkshopState(doc, { voting: true }))
    must(castVote(doc, 't1', c))
    must(castVote(doc, 't1', a))
    expect(castVote(doc, 't1', a)).toMatchObject({ ok: false, error: { issues: [{ rule: { key: 'noVotesLeft' } }] } })
    must(mergeCard(doc, c, b))
    // Cards posted in the same millisecond have no order of their own: compared as a set.
    const votes = () => Object.fromEntries(readWorkshop(doc).cards.map((card) => [card.text, card.votes]))
    expect(votes()).toEqual({ 'Legal aid': 1, Campaigns: 1 })
    must(withdrawVote(doc, 't1', a))
    expect(must(castVote(doc, 't1', b)).slot).toBe(1)
    // A slot past the budget (forged, or from a larger budget since lowered) is not counted.
    workshopMaps(doc).votes.set(voteKey('t2', 5), a)
    must(updateWorkshopSetup(doc, { votesPerPerson: 1 }))
    expect(votes()).toEqual({ 'Legal aid': 0, Campaigns: 1 })
  })

  it('refuses a merge into itself or into a card merged into it; two merges into each other made offline keep one card with both', () => {
    const { doc, post } = session()
    const a = post('t1', 'One')
    const b = post('t2', 'Two')
    must(setWorkshopState(doc, { voting: true }))
    must(castVote(doc, 't1', a))
    must(castVote(doc, 't2', b))
    must(mergeCard(doc, a, b))
    expect(mergeCard(doc, b, a).ok).toBe(false)
    expect(mergeCard(doc, b, b).ok).toBe(false)
    workshopMaps(doc).cards.get(b)!.set('mergedInto', a)
    const [kept, ...rest] = readWorkshop(doc).cards
    expect(rest).toEqual([])
    expect(kept).toMatchObject({ id: [a, b].sort()[0], votes: 2 })
    expect(kept?.merged.map((m) => m.id)).toEqual([[a, b].sort()[1]])
  })
})
