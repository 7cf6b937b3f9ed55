import { connect } from 'node:net'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readDiscussion, replyToThread, setThreadResolved, setVerdict, startThread } from '../../shared/index.js'
import { SqliteUpdateLog } from '../../server/index.js'
import { serverFixture } from '../helpers/fixture.js'
import { awarenessPayload, frame } from '../helpers/frames.js'
import { closeOf, deniedReasons, rawSocket, synced, tokenFor, upgradeAnswer } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

const fx = serverFixture()

const httpBase = () => fx.server().url.replace('ws://', 'http://')

/** Sends raw bytes to the server's port and returns what it answered before closing, or 'reset'. */
const rawRequest = (text: string, readMs = 2_000): Promise<string | 'reset'> =>
  new Promise((resolve) => {
    const socket = connect(fx.server().port, '127.0.0.1')
    let answer = ''
    const done = (value: string | 'reset') => {
      clearTimeout(timer)
      socket.destroy()
      resolve(value)
    }
    const timer = setTimeout(() => done(answer), readMs)
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1')
      if (/\r\n\r\n/.test(answer) && /content-length: 0|\}$/i.test(answer)) done(answer)
    })
    socket.on('end', () => done(answer))
    socket.on('error', () => done('reset'))
    socket.write(text)
  })

const upgradeRequest = (path: string, extra = ''): string =>
  `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`

const statusOf = (answer: string | 'reset'): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)


describe('no input stops the server', () => {
  it('an upgrade to a path with broken percent-encoding is answered 400, and the server goes on', async () => {
    await fx.start()
    const answer = await rawRequest(upgradeRequest('/plan/%E0%A4%A'))
    expect(statusOf(answer)).toBe(400)
    expect(answer).toContain('not a valid URL')
    expect((await fetch(`${httpBase()}/healthz`)).status).toBe(200)
    expect(await (await fetch(`${httpBase()}/api/plans/%E0%A4%A/history`)).json()).toHaveProperty('error')
  })

  it('random paths, encodings, headers and methods each get a status; /healthz still answers', async () => {
    await fx.start()
    const token = await tokenFor(fx.server(), 'plan/p1')
    const segment = fc.oneof(
      fc.constantFrom('plan', 'p1', 'discussion', 'note', 'api', 'plans', 'history', 'invites', 'healthz', 'metrics', '..', '%', '%E0%A4%A', '%00', '%2F', '?token=' + token),
      fc.string({ maxLength: 12 }).map(encodeURIComponent),
      fc.stringMatching(/^[%0-9A-Fa-f]{1,9}$/),
    )
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'BREW', 'G\x00T'),
      path: fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => '/' + parts.join('/')),
      upgrade: fc.boolean(),
      header: fc.constantFrom('', 'Authorization: Bearer ' + token + '\r\n', 'Authorization: Bearer x.y.z\r\n', 'X: \x7f\x01\r\n', 'Content-Length: -1\r\n', 'Transfer-Encoding: chunked\r\n', 'Sec-WebSocket-Version: 8\r\n'),
    })
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, upgrade, header }) => {
        const text = upgrade ? upgradeRequest(path, header).replace(/^GET/, method) : `${method} ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${header}\r\n`
        const answer = await rawRequest(text, 1_500)
        // Every request is answered with a status line (or taken as a websocket: 101).
        expect(statusOf(answer), `${JSON.stringify(text)} -> ${JSON.stringify(answer.slice(0, 80))}`).toBeGreaterThanOrEqual(101)
      }),
      { numRuns: 120, seed: 16 },
    )
    expect((await fetch(`${httpBase()}/healthz`)).status).toBe(200)
  })

  it('a 100 KB token is answered 431, never with a reset', async () => {
    await fx.start()
    const token = 'x'.repeat(100 * 1024)
    for (let i = 0; i < 10; i++) {
      const answer = await rawRequest(upgradeRequest(`/plan/p1?token=${token}`))
      expect(statusOf(answer), `attempt ${i}`).toBe(431)
    }
  })
})

describe('authorship in the discussion is the invite’s', () => {
  const comments = (doc: Y.Doc) => [...readDiscussion(doc).threadsByAction.values()].flat().flatMap((t) => t.comments)
  const verdicts = (doc: Y.Doc) => readDiscussion(doc).verdictsByAction.get('a1') ?? []

  it('a forged verdict, a comment under another name and an edit of someone else’s comment are refused; nothing of them is stored', async () => {
    await fx.start()
    const ministry = await fx.join('plan/p1/discussion', 'editor', 'Aiko Tanaka', 'MHLW')
    const union = await fx.join('plan/p1/discussion', 'commenter', 'Sokha Chan', 'CLC')
    await Promise.all([synced(ministry), synced(union)])
    const real = { name: 'Aiko Tanaka', org: 'MHLW' }
    expect(setVerdict(ministry.doc, { actionId: 'a1', verdict: 'endorse', note: 'We fund it', by: real }).ok).toBe(true)
    const thread = startThread(ministry.doc, { actionId: 'a1', body: 'Budget confirmed', author: real })
    if (!thread.ok) throw new Error('thread not started')
    await waitFor('the union sees the ministry', () => verdicts(union.doc).length === 1 && comments(union.doc).length === 1)

    // Each forgery from a socket of its own: a client's later changes depend on its refused ones.
    const forgeries: ((doc: Y.Doc) => void)[] = [
      (doc) => setVerdict(doc, { actionId: 'a1', verdict: 'object', note: 'forged', by: real }),
      (doc) => startThread(doc, { actionId: 'a1', body: 'Posted as the ministry', author: real }),
      (doc) => doc.getMap<Y.Map<unknown>>('comments').values().next().value!.set('body', 'Budget withdrawn'),
      (doc) => doc.getMap('verdicts').delete(`a1|MHLW`),
      (doc) => doc.getMap('threads').delete(thread.value.threadId),
      (doc) => doc.getMap<Y.Map<unknown>>('threads').get(thread.value.threadId)!.set('actionId', 'a2'),
    ]
    const denied: string[] = []
    for (const forge of forgeries) {
      const forger = await fx.join('plan/p1/discussion', 'commenter', 'Sokha Chan', 'CLC')
      await synced(forger)
      const reasons = deniedReasons(forger)
      forge(forger.doc)
      await waitFor('the forgery is refused', () => reasons.length === 1)
      denied.push(...reasons)
    }
    // What the union may do still goes through.
    replyToThread(union.doc, thread.value.threadId, { body: 'Thank you', author: { name: 'Sokha Chan', org: 'CLC' } })
    setVerdict(union.doc, { actionId: 'a1', verdict: 'concern', note: 'Timeline', by: { name: 'Sokha Chan', org: 'CLC' } })
    setThreadResolved(union.doc, thread.value.threadId, true)
    await waitFor('the ministry sees the union', () => verdicts(ministry.doc).length === 2 && comments(ministry.doc).length === 2)
    await waitFor('the union resolved the thread', () => readDiscussion(ministry.doc).threadsByAction.get('a1')?.[0]?.thread.resolved === true)

    expect(denied).toEqual([
      "an organization's verdict is given only through that organization's invites",
      'a comment must carry the name and organization of the invite that writes it',
      'a comment can be changed only by its author',
      "an organization's verdict is given only through that organization's invites",
      'a thread cannot be removed or replaced',
      'of a thread, only whether it is resolved can change',
    ])
    fx.dropClients()
    const fresh = await fx.join('plan/p1/discussion', 'viewer')
    await synced(fresh)
    expect(verdicts(fresh.doc).map((v) => [v.org, v.verdict, v.by.name]).sort()).toEqual([['CLC', 'concern', 'Sokha Chan'], ['MHLW', 'endorse', 'Aiko Tanaka']])
    expect(comments(fresh.doc).map((c) => [c.author.name, c.body])).toEqual([['Aiko Tanaka', 'Budget confirmed'], ['Sokha Chan', 'Thank you']])
  })

  it('a delegate’s verdict and comment written offline sync on reconnect', async () => {
    await fx.start()
    const delegate = await fx.join('plan/p1/discussion', 'commenter', 'Sokha Chan', 'CLC')
    await synced(delegate)
    delegate.provider.disconnect()
    const me = { name: 'Sokha Chan', org: 'CLC' }
    expect(setVerdict(delegate.doc, { actionId: 'a1', verdict: 'object', note: 'Written on the train', by: me }).ok).toBe(true)
    expect(startThread(delegate.doc, { actionId: 'a1', body: 'Offline question', author: me }).ok).toBe(true)
    const denied = deniedReasons(delegate)
    delegate.provider.connect()
    await synced(delegate)
    const coordinator = await fx.join('plan/p1/discussion', 'viewer')
    await synced(coordinator)
    await waitFor('the coordinator sees both', () => verdicts(coordinator.doc).length === 1 && comments(coordinator.doc).length === 1)
    expect(verdicts(coordinator.doc)[0]).toMatchObject({ org: 'CLC', verdict: 'object', note: 'Written on the train' })
    expect(denied).toEqual([])
  })
})

describe('presence is the token’s', () => {
  it('awareness for another socket’s client id is dropped; a socket’s own is named by its invite; oversized presence closes it', async () => {
    await fx.start()
    const alice = await fx.join('plan/p1', 'editor', 'Alice Santos', 'DOLE')
    const bob = await fx.join('plan/p1', 'editor', 'Bob Lee', 'ILO')
    await Promise.all([synced(alice), synced(bob)])
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice Santos', org: 'DOLE', color: '#1b6e3a' })
    const at = (clientId: number) => bob.provider.awareness.getStates().get(clientId) as { user?: { name: string; org: string } } | undefined
    await waitFor('bob sees alice', () => at(alice.doc.clientID)?.user?.name === 'Alice Santos')

    const mallory = await rawSocket(`${fx.server().url}/plan/p1?token=${await tokenFor(fx.server(), 'plan/p1', 'viewer', 'Mallory', 'Nobody')}`)
    mallory.send(frame(1, awarenessPayload(alice.doc.clientID, 99, { user: { name: 'Alice Santos', org: 'DOLE', color: '#000000' }, viewing: 'fake' })))
    mallory.send(frame(1, awarenessPayload(4242, 1, { user: { name: 'Alice Santos', org: 'Ministry', color: '#b3261e' } })))
    await waitFor('bob sees mallory’s own client', () => at(4242) !== undefined)
    expect(at(4242)?.user).toMatchObject({ name: 'Mallory', org: 'Nobody' })
    expect(at(alice.doc.clientID)).toMatchObject({ user: { name: 'Alice Santos', org: 'DOLE' } })
    expect((at(alice.doc.clientID) as { viewing?: string }).viewing).toBeUndefined()

    const closed = closeOf(mallory)
    mallory.send(frame(1, awarenessPayload(4242, 2, { user: { name: 'x', org: 'y'.repeat(5_000) } })))
    expect(await closed).toMatchObject({ code: 4400, reason: expect.stringContaining('presence') as unknown })
    await waitFor('mallory’s presence is gone', () => at(4242) === undefined)
  })
})

describe('limits per token and per address', () => {
  it('connections and rooms per token, note rooms per plan, and upgrade attempts per address are bounded, each with a reason', async () => {
    await fx.start({ maxConnectionsPerToken: 3, maxRoomsPerToken: 2, maxNoteRoomsPerPlan: 2 })
    const url = fx.server().url
    const token = await tokenFor(fx.server(), 'plan/p1')
    const open = [await rawSocket(`${url}/plan/p1?token=${token}`), await rawSocket(`${url}/plan/p1?token=${token}`), await rawSocket(`${url}/plan/p1/note/n1?token=${token}`)]
    expect(await upgradeAnswer(`${url}/plan/p1?token=${token}`)).toMatchObject({ status: 503, body: expect.stringContaining('3 connections') as unknown })
    open.shift()!.close()
    await waitFor('one released', () => fx.server().health().connections === 2)
    expect(await upgradeAnswer(`${url}/plan/p1/note/n2?token=${token}`)).toMatchObject({ status: 503, body: expect.stringContaining('2 open rooms') as unknown })
    const other = await tokenFor(fx.server(), 'plan/p1')
    open.push(await rawSocket(`${url}/plan/p1/note/n1?token=${other}`), await rawSocket(`${url}/plan/p1/note/n2?token=${other}`))
    expect(await upgradeAnswer(`${url}/plan/p1/note/n3?token=${await tokenFor(fx.server(), 'plan/p1')}`)).toMatchObject({ status: 503, body: expect.stringContaining('2 open notes') as unknown })
    expect(await upgradeAnswer(`${url}/plan/p1?token=${await tokenFor(fx.server(), 'plan/p1')}`)).toBe('open')
    open.forEach((s) => s.close())

    await fx.start({ rateLimitLoopback: true, upgradesPerAddressPerSecond: 0.5, upgradeBurstPerAddress: 3 })
    const answers = []
    for (let i = 0; i < 4; i++) answers.push(await upgradeAnswer(`${fx.server().url}/plan/p1?token=${await tokenFor(fx.server(), 'plan/p1')}`))
    expect(answers.slice(0, 3)).toEqual(['open', 'open', 'open'])
    expect(answers[3]).toMatchObject({ status: 429, body: expect.stringContaining('too many connection attempts') as unknown })
  })
})

describe('revocation and expiry reach open sockets', () => {
  it('a token revoked from the command line (another process on the same data) closes its open socket within seconds', async () => {
    const server = await fx.start({ tokenRecheckMs: 200 })
    const issued = await server.tokens.issue({ plan: 'p1', role: 'editor', name: 'Sokha Chan', org: 'CLC' })
    const socket = await rawSocket(`${server.url}/plan/p1?token=${issued.token}`)
    const closed = closeOf(socket)
    const cli = new SqliteUpdateLog(server.config.dataDir, 'full')
    await cli.revokeToken(issued.identity.tokenId, Date.now())
    await cli.close()
    expect(await closed).toEqual({ code: 4401, reason: 'this invite has been revoked' })
  })

  it('a token that expires while its socket is open is closed, and what it sends after is not applied', async () => {
    const server = await fx.start({ tokenRecheckMs: 60_000 })
    const issued = await server.tokens.issue({ plan: 'p1', role: 'editor', name: 'Short', days: 1.5 / 86_400 })
    const client = await fx.join('plan/p1')
    await synced(client)
    const socket = await rawSocket(`${server.url}/plan/p1?token=${issued.token}`)
    const closed = closeOf(socket)
    await waitFor('the invite expires', () => Date.now() >= issued.identity.expiresAt, 3_000)
    const late = new Y.Doc()
    late.getMap('meta').set('title', 'After expiry')
    socket.send(frame(0, Y.encodeStateAsUpdate(late), 2))
    expect(await closed).toEqual({ code: 4401, reason: 'this invite has expired' })
    const check = await fx.join('plan/p1')
    await synced(check)
    expect(check.doc.getMap('meta').get('title')).toBeUndefined()
  })
})

describe('no poisoned plans', () => {
  it('an update that refers to changes the room lacks is not stored: the sender is asked for them, then refused; a fresh client syncs completely', async () => {
    await fx.start()
    const base = new Y.Doc()
    base.getText('t').insert(0, 'the server never saw this')
    const child = new Y.Doc()
    Y.applyUpdate(child, Y.encodeStateAsUpdate(base))
    child.getText('t').insert(5, 'poison ')
    const dangling = Y.encodeStateAsUpdate(child, Y.encodeStateVector(base))

    const socket = await rawSocket(`${fx.server().url}/plan/p1?token=${await tokenFor(fx.server(), 'plan/p1')}`)
    const frames: Uint8Array[] = []
    socket.on('message', (data: Buffer) => frames.push(new Uint8Array(data)))
    socket.send(frame(0, dangling, 2))
    await waitFor('asked for what is missing', () => frames.some((f) => f[0] === 0 && f[1] === 0))
    socket.send(frame(0, dangling, 2))
    await waitFor('refused the second time', () => frames.some((f) => f[0] === 2 && f[1] === 0))
    socket.close()

    const fresh = await fx.join('plan/p1')
    await synced(fresh)
    expect(fresh.doc.store.pendingStructs).toBeNull()
    expect(fresh.doc.store.pendingDs).toBeNull()
    expect(fresh.doc.getText('t').toString()).toBe('')
  })
})

describe('slow readers are bounded', () => {
  it('a socket that stops reading is closed once its queue passes the cap; the others keep up', async () => {
    await fx.start({ maxBufferedBytes: 1024 * 1024 })
    const writer = await fx.join('plan/p1')
    const reader = await fx.join('plan/p1')
    await Promise.all([synced(writer), synced(reader)])
    const slow = await rawSocket(`${fx.server().url}/plan/p1?token=${await tokenFor(fx.server(), 'plan/p1')}`)
    await waitFor('the slow socket is in', () => fx.server().health().connections === 3)
    ;(slow as unknown as { _socket: { pause: () => void } })._socket.pause()
    const chunk = 'x'.repeat(60 * 1024)
    let sent = 0
    for (; sent < 600 && fx.server().health().connections === 3; sent++) {
      writer.doc.getText('t').insert(0, chunk)
      await waitFor('the reader keeps up', () => reader.doc.getText('t').length === (sent + 1) * chunk.length)
    }
    expect(fx.server().health().connections).toBe(2)
    const metrics = await (await fetch(`${httpBase()}/metrics`)).text()
    expect(metrics).toMatch(/jointplan_connections_closed_for_cause_total\{reason="1013"\} 1/)
    slow.terminate()
  })
})
