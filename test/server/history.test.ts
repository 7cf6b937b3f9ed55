import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, createPlan, noteRoom, readPlan, updateAction, type FieldChange } from '../../shared/index.js'
import { localOwnerToken } from '../../server/auth/localOwner.js'
import { serverFixture } from '../helpers/fixture.js'
import { must } from '../helpers/must.js'
import { connectClient, synced, tokenFor } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

const fx = serverFixture()

const api = (path: string, token: string, init: RequestInit = {}) =>
  fetch(`${fx.server().url.replace('ws://', 'http://')}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) } })

type Page = { changes: FieldChange[]; next: string | null }
const history = async (token: string, query = ''): Promise<Page> => {
  const res = await api(`/api/plans/p1/history${query}`, token)
  expect(res.status).toBe(200)
  return (await res.json()) as Page
}

/** A plan with two actions, each edited `edits` times, all stored. */
const editedPlan = async (edits: number) => {
  const editor = await fx.join('plan/p1', 'editor', 'Sokha Chan', 'CLC')
  await synced(editor)
  const created = createPlan(editor.doc, { title: 'Remedy plan' })
  if (!created.ok) throw new Error('create failed')
  const ids = ['Helpdesk', 'Legal aid'].map((title) => {
    const added = addAction(editor.doc, { areaId: created.value.areaIds[0]!, title })
    if (!added.ok) throw new Error('add failed')
    return added.value.id
  })
  for (let i = 1; i <= edits; i++) for (const id of ids) updateAction(editor.doc, id, { progress: i })
  const watcher = await fx.join('plan/p1', 'viewer')
  await synced(watcher)
  await waitFor('every edit stored', () => readPlan(watcher.doc).actions.every((a) => a.progress === edits))
  return ids
}

describe('the plan history, from its index', () => {
  it('filters by action, pages from the newest with a cursor, and picks up what was logged since', async () => {
    const server = await fx.start({ historyPerSecond: 1_000, historyBurst: 1_000 })
    const [helpdesk, legalAid] = await editedPlan(6)
    const token = (await server.tokens.issue({ plan: 'p1', role: 'viewer', name: 'Coordinator', org: 'ILO' })).token

    const all = await history(token, '?limit=2000')
    expect(all.next).toBeNull()
    const progress = (page: Page, id: string) => page.changes.filter((c) => c.entityId === id && c.field === 'progress').map((c) => c.after)
    expect(progress(all, helpdesk!)).toEqual([1, 2, 3, 4, 5, 6])
    expect(all.changes.every((c) => c.author?.name === 'Sokha Chan' && c.author.org === 'CLC')).toBe(true)

    const one = await history(token, `?actionId=${legalAid}`)
    expect(new Set(one.changes.map((c) => c.entityId))).toEqual(new Set([legalAid]))
    expect(progress(one, legalAid!)).toEqual([1, 2, 3, 4, 5, 6])

    const pages: FieldChange[][] = []
    let cursor: string | null = null
    do {
      const page: Page = await history(token, `?actionId=${helpdesk}&limit=4${cursor ? `&before=${cursor}` : ''}`)
      pages.unshift(page.changes)
      cursor = page.next
    } while (cursor && pages.length < 20)
    expect(pages.length).toBeGreaterThan(1)
    expect(pages.flat()).toEqual(all.changes.filter((c) => c.entityId === helpdesk))

    // A page the client holds is revalidated: 304 until something is logged.
    const first = await api(`/api/plans/p1/history?actionId=${helpdesk}`, token)
    const etag = first.headers.get('etag') ?? ''
    expect((await api(`/api/plans/p1/history?actionId=${helpdesk}`, token, { headers: { 'if-none-match': etag } })).status).toBe(304)

    const editor = await fx.join('plan/p1', 'editor', 'Aiko Tanaka', 'MHLW')
    await synced(editor)
    updateAction(editor.doc, helpdesk!, { title: 'Helpdesk in Khmer' })
    await waitFor('the new change is in the history', async () => (await history(token, `?actionId=${helpdesk}&limit=1`)).changes[0]?.after === 'Helpdesk in Khmer')
    expect((await history(token, `?actionId=${helpdesk}&limit=1`)).changes[0]?.author).toMatchObject({ name: 'Aiko Tanaka', org: 'MHLW' })
    expect((await api(`/api/plans/p1/history?actionId=${helpdesk}`, token, { headers: { 'if-none-match': etag } })).status).toBe(200)
    expect((await api('/api/plans/p1/history?limit=0', token)).status).toBe(400)
  })

  it('answers an invite that asks too often with 429 and when to come back', async () => {
    // Refilling slowly enough that the first request starting the history process (a second or more on a busy machine) earns no fourth.
    const server = await fx.start({ historyPerSecond: 0.01, historyBurst: 3 })
    const token = (await server.tokens.issue({ plan: 'p1', role: 'viewer', name: 'Coordinator', org: 'ILO' })).token
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await api('/api/plans/p1/history', token)).status)
    expect(statuses).toEqual([200, 200, 200, 429])
    const refused = await api('/api/plans/p1/history', token)
    expect(refused.headers.get('retry-after')).toBe('1')
    const other = (await server.tokens.issue({ plan: 'p1', role: 'viewer', name: 'Delegate', org: 'CLC' })).token
    expect((await api('/api/plans/p1/history', other)).status).toBe(200)
  })

  it('names the host by what they typed on the plans page; an invite cannot rename itself', async () => {
    const server = await fx.start()
    const host = await localOwnerToken(server.tokens, server.config.dataDir)
    expect(await localOwnerToken(server.tokens, server.config.dataDir)).toBe(host)
    const renamed = await api('/api/me', host, { method: 'PUT', body: JSON.stringify({ name: 'Aiko Tanaka', org: 'ILO Tokyo' }) })
    expect(renamed.status).toBe(200)
    expect(await (await api('/api/me?plan=p1', host)).json()).toMatchObject({ name: 'Aiko Tanaka', org: 'ILO Tokyo', role: 'owner' })

    const invite = (await server.tokens.issue({ plan: 'p1', role: 'editor', name: 'Sokha Chan', org: 'CLC' })).token
    expect((await api('/api/me', invite, { method: 'PUT', body: JSON.stringify({ name: 'Minister', org: 'MHLW' }) })).status).toBe(403)
    expect((await api('/api/me', host, { method: 'PUT', body: JSON.stringify({ name: '' }) })).status).toBe(400)
    await expect(server.tokens.issue({ plan: 'p1', role: 'viewer', name: 'Forever', days: 366 })).rejects.toThrow(/at most 365 days/)

    await server.tokens.revoke((await server.tokens.verify(host, null, true)).tokenId)
    expect(await localOwnerToken(server.tokens, server.config.dataDir)).not.toBe(host)
  })

  it('keeps an edit a concurrent one overwrote, with who overwrote it, and who edited a description', async () => {
    const server = await fx.start({ historyPerSecond: 1_000, historyBurst: 1_000 })
    const owner = await fx.join('plan/p1', 'owner', 'Aiko Tanaka', 'ILO')
    await synced(owner)
    const { areaIds } = must(createPlan(owner.doc, { title: 'Remedy plan' }))
    const hotline = must(addAction(owner.doc, { areaId: areaIds[0]!, title: 'Hotline' })).id

    // Two delegates edit the same field offline from the same state. Yjs keeps the value of
    // the higher client id, whichever arrives first; the loser's arrives second.
    const offline = (clientID: number) => {
      const doc = new Y.Doc()
      doc.clientID = clientID
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(owner.doc))
      return doc
    }
    const kept = offline(2_000_000_000)
    const lost = offline(1)
    must(updateAction(kept, hotline, { priority: 'high' }))
    must(updateAction(lost, hotline, { priority: 'low', title: 'Hotline in Khmer' }))
    const winner = connectClient(fx.server().url, 'plan/p1', await tokenFor(server, 'plan/p1', 'editor', 'Sokha Chan', 'CLC'), kept)
    await waitFor('the kept edit reached the owner', () => readPlan(owner.doc).actions[0]?.priority === 'high')
    const loser = connectClient(fx.server().url, 'plan/p1', await tokenFor(server, 'plan/p1', 'editor', 'Dewi Lestari', 'SBMI'), lost)
    await waitFor('the other edit merged', () => readPlan(owner.doc).actions[0]?.title === 'Hotline in Khmer')
    expect(readPlan(owner.doc).actions[0]?.priority).toBe('high')

    const token = (await server.tokens.issue({ plan: 'p1', role: 'viewer', name: 'Coordinator', org: 'ILO' })).token
    const priority = (await history(token, `?actionId=${hotline}`)).changes.filter((c) => c.field === 'priority')
    expect(priority).toEqual([
      expect.objectContaining({ after: 'high', author: expect.objectContaining({ name: 'Sokha Chan', org: 'CLC' }) }),
      expect.objectContaining({ after: 'low', overwritten: true, author: expect.objectContaining({ name: 'Dewi Lestari' }), overwrittenBy: expect.objectContaining({ name: 'Sokha Chan', org: 'CLC' }) }),
    ])
    expect(priority[0]).not.toHaveProperty('overwritten')
    // The loser's other field was not contested: an ordinary change.
    const title = (await history(token, `?actionId=${hotline}`)).changes.find((c) => c.field === 'title' && c.after === 'Hotline in Khmer')
    expect(title).toMatchObject({ before: 'Hotline', author: { name: 'Dewi Lestari' } })
    expect(title).not.toHaveProperty('overwritten')

    // Descriptions: one entry per author's sitting, with the text as it was left.
    const write = async (name: string, org: string, text: string) => {
      const note = connectClient(fx.server().url, noteRoom('p1', hotline), await tokenFor(server, noteRoom('p1', hotline), 'editor', name, org))
      await synced(note)
      const root = note.doc.get('root', Y.XmlText)
      const paragraph = new Y.XmlText()
      root.insertEmbed(root.length, paragraph)
      for (const word of text.split(' ')) paragraph.insert(paragraph.length, paragraph.length ? ` ${word}` : word)
      return note
    }
    const described = async () => (await history(token, `?actionId=${hotline}`)).changes.filter((c) => c.field === 'description')
    const first = await write('Sokha Chan', 'CLC', 'Calls answered in Khmer and Thai')
    await waitFor('the first sitting is in the history', async () => (await described()).at(-1)?.after === 'Calls answered in Khmer and Thai')
    const second = await write('Aiko Tanaka', 'ILO', 'Open on weekends')
    await waitFor('the second sitting is in the history', async () => (await described()).at(-1)?.after === 'Calls answered in Khmer and Thai\nOpen on weekends')
    expect((await described()).map((c) => [c.author?.name, c.after])).toEqual([
      ['Sokha Chan', 'Calls answered in Khmer and Thai'],
      ['Aiko Tanaka', 'Calls answered in Khmer and Thai\nOpen on weekends'],
    ])
    for (const client of [owner, winner, loser, first, second]) client.destroy()
  })
})
