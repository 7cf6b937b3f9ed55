import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { addAction, checkChain, createPlan, discussionRoom, planRoom, setVerdict, toHex } from '../../shared/index.js'
import { must } from '../helpers/must.js'
import { SQLITE_FILE, SqliteUpdateLog } from '../../server/storage/SqliteUpdateLog.js'
import { serverFixture } from '../helpers/fixture.js'
import { synced, tempDataDir } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

const fx = serverFixture()
const sha256 = (bytes: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(bytes).digest())

/** A plan and its discussion written by real clients through a real server, then read back from its SQLite file. */
const writtenLog = async () => {
  const dataDir = tempDataDir()
  await fx.start({ dataDir })
  const editor = await fx.join(planRoom('p1'), 'editor', 'Dewi', 'SBMI')
  const delegate = await fx.join(discussionRoom('p1'), 'commenter', 'Sokha', 'CLC')
  await Promise.all([synced(editor), synced(delegate)])
  const { areaIds } = must(createPlan(editor.doc, { title: 'Chained plan' }))
  for (let i = 0; i < 5; i++) must(addAction(editor.doc, { areaId: areaIds[0]!, title: `Action ${i}` }))
  must(setVerdict(delegate.doc, { actionId: 'a1', verdict: 'concern', note: 'too late', by: { name: 'Sokha', org: 'CLC' } }))
  const reader = new SqliteUpdateLog(dataDir, 'normal')
  await waitFor('every update stored', async () => (await reader.readLog(planRoom('p1'))).length >= 6 && (await reader.readLog(discussionRoom('p1'))).length >= 1)
  const plan = await reader.readLog(planRoom('p1'))
  const discussion = await reader.readLog(discussionRoom('p1'))
  await reader.close()
  return { dataDir, plan, discussion }
}

describe('every stored update is chained to the one before', () => {
  it('the plan and its discussion verify from their first update, with the platform’s SHA-256 of the exact bytes DESIGN.md records', async () => {
    const { plan, discussion } = await writtenLog()
    const planCheck = await checkChain(planRoom('p1'), plan, sha256)
    expect(planCheck).toMatchObject({ ok: true, length: plan.length })
    expect(await checkChain(discussionRoom('p1'), discussion, sha256)).toMatchObject({ ok: true })
    // WebCrypto (what the app uses) agrees with node:crypto (what the server uses).
    const web = async (bytes: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)))
    const webCheck = await checkChain(planRoom('p1'), plan, web)
    expect(webCheck.ok && planCheck.ok && toHex(webCheck.head)).toBe(planCheck.ok && toHex(planCheck.head))
    // A chain is its room's: the same updates do not verify as another room's.
    expect(await checkChain(planRoom('p2'), plan, sha256)).toMatchObject({ ok: false, seq: 1 })
  })

  it('an altered byte, a removed update and two swapped updates are each found, and where', async () => {
    const { plan } = await writtenLog()
    const room = planRoom('p1')
    const flipped = plan.map((link, i) => (i === 2 ? { ...link, update: link.update.map((b, j) => (j === 3 ? b ^ 1 : b)) } : link))
    expect(await checkChain(room, flipped, sha256)).toEqual({ ok: false, seq: 3, problem: expect.stringContaining('does not match its hash') })
    const retimed = plan.map((link, i) => (i === 1 ? { ...link, at: link.at + 1 } : link))
    expect(await checkChain(room, retimed, sha256)).toMatchObject({ ok: false, seq: 2 })
    const reauthored = plan.map((link, i) => (i === 1 ? { ...link, author: null } : link))
    expect(await checkChain(room, reauthored, sha256)).toMatchObject({ ok: false, seq: 2 })
    expect(await checkChain(room, plan.filter((_, i) => i !== 3), sha256)).toEqual({ ok: false, seq: 5, problem: 'update 4 is missing' })
    const swapped = [...plan]
    ;[swapped[2], swapped[3]] = [swapped[3]!, swapped[2]!]
    expect(await checkChain(room, swapped, sha256)).toMatchObject({ ok: false, seq: 4, problem: expect.stringContaining('out of order') })
    // Swapped with their numbers rewritten to look in order: the hashes still tell.
    const renumbered = swapped.map((link, i) => ({ ...link, seq: i + 1 }))
    expect(await checkChain(room, renumbered, sha256)).toMatchObject({ ok: false, seq: 3 })
  })

  it('a data folder written before the chain existed is chained when it is opened, and appends continue the chain', async () => {
    const { dataDir, plan } = await writtenLog()
    await fx.start()
    const db = new Database(join(dataDir, SQLITE_FILE))
    db.exec('ALTER TABLE updates DROP COLUMN hash')
    db.close()
    const log = new SqliteUpdateLog(dataDir, 'normal')
    const migrated = await log.readLog(planRoom('p1'))
    expect(migrated.map((l) => toHex(l.hash))).toEqual(plan.map((l) => toHex(l.hash)))
    await log.append([{ room: planRoom('p1'), update: plan[0]!.update, author: null, at: Date.now() }])
    const after = await log.readLog(planRoom('p1'))
    await log.close()
    expect(after).toHaveLength(plan.length + 1)
    expect(await checkChain(planRoom('p1'), after, sha256)).toMatchObject({ ok: true, length: plan.length + 1 })
  })
})
