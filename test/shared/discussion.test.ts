import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { discussionChanges, readDiscussion, replyToThread, setThreadResolved, setVerdict, startThread } from '../../shared/index.js'

const sokha = { name: 'Sokha Chan', org: 'CLC' }
const kenji = { name: 'Kenji Sato', org: 'MHLW' }

describe('the discussion of a plan', () => {
  it('keeps threads per action with replies in order, resolves and reopens them', () => {
    const doc = new Y.Doc()
    let clock = Date.parse('2027-01-01T00:00:00Z')
    const ctx = { now: () => new Date((clock += 1000)) }
    const started = startThread(doc, { actionId: 'a1', body: 'Translation into Khmer?', author: sokha }, ctx)
    if (!started.ok) throw new Error('start failed')
    replyToThread(doc, started.value.threadId, { body: 'Budgeted for Q2.', author: kenji }, ctx)
    startThread(doc, { actionId: 'a2', body: 'Other action', author: kenji }, ctx)
    expect(startThread(doc, { actionId: 'a1', body: '   ', author: sokha }).ok).toBe(false)
    expect(replyToThread(doc, 'missing', { body: 'x', author: sokha }).ok).toBe(false)
    setThreadResolved(doc, started.value.threadId, true)
    const view = readDiscussion(doc)
    const [thread] = view.threadsByAction.get('a1') ?? []
    expect(thread?.thread.resolved).toBe(true)
    expect(thread?.comments.map((c) => `${c.author.org}: ${c.body}`)).toEqual(['CLC: Translation into Khmer?', 'MHLW: Budgeted for Q2.'])
    expect(view.threadsByAction.get('a2')).toHaveLength(1)
  })

  it('keeps one verdict per organization and action, the latest', () => {
    const doc = new Y.Doc()
    setVerdict(doc, { actionId: 'a1', verdict: 'concern', note: 'too vague', by: sokha })
    setVerdict(doc, { actionId: 'a1', verdict: 'endorse', by: kenji })
    setVerdict(doc, { actionId: 'a1', verdict: 'endorse', note: 'fixed', by: sokha })
    expect(setVerdict(doc, { actionId: 'a1', verdict: 'veto' as 'object', by: sokha }).ok).toBe(false)
    const verdicts = readDiscussion(doc).verdictsByAction.get('a1') ?? []
    expect(verdicts.map((v) => `${v.org}=${v.verdict}`).sort()).toEqual(['CLC=endorse', 'MHLW=endorse'])
  })

  it('turns the discussion log into attributed history entries', () => {
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    const started = startThread(doc, { actionId: 'a1', body: 'Question', author: sokha })
    setVerdict(doc, { actionId: 'a1', verdict: 'object', by: sokha })
    if (started.ok) setThreadResolved(doc, started.value.threadId, true)
    const author = { id: 't1', name: 'Sokha Chan', org: 'CLC' }
    const changes = discussionChanges(updates.map((update, i) => ({ seq: i + 1, at: i, author, update })))
    expect(changes.map((c) => [c.entity, c.after, c.actionId])).toEqual([
      ['comment', 'Question', 'a1'],
      ['verdict', 'object', 'a1'],
      ['thread', true, 'a1'],
    ])
  })
})
