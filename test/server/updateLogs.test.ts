import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { checkChain, discussionRoom, noteRoom, planRoom, toHex, type Round } from '../../shared/index.js'
import { PostgresUpdateLog } from '../../server/storage/PostgresUpdateLog.js'
import { SqliteUpdateLog } from '../../server/storage/SqliteUpdateLog.js'
import type { TokenStore } from '../../server/storage/TokenStore.js'
import type { PlanDirectory } from '../../server/storage/PlanDirectory.js'
import type { UpdateLog } from '../../server/storage/UpdateLog.js'
import type { RoundStore } from '../../server/storage/RoundStore.js'
import type { HistoryLog } from '../../server/storage/HistoryLog.js'
import { postgresFixture } from '../helpers/postgres.js'
import { silentLogger, tempDataDir } from '../helpers/server.js'

// The storage interface has two implementations; these are the rules both keep.
const pgx = postgresFixture()

type Store = UpdateLog & TokenStore & PlanDirectory & RoundStore & HistoryLog
const stores: [string, () => Promise<Store>][] = [
  ['SQLite', async () => new SqliteUpdateLog(tempDataDir(), 'normal')],
  ['PostgreSQL', async () => PostgresUpdateLog.open(await pgx.database('log'), silentLogger)],
]
const sha256 = (bytes: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(bytes).digest())
const update = (n: number) => new Uint8Array([0, 0, n, n + 1])

describe.each(stores)('the update log in %s', (name, open) => {
  const run = name === 'PostgreSQL' ? pgx.run : it

  run('numbers each room’s updates from 1 in one atomic write, chains them, and reads them back in order', async () => {
    const log = await open()
    try {
      const seqs = await log.append([
        { room: 'plan/a', update: update(1), author: 't1', at: 1_000 },
        { room: 'plan/b', update: update(2), author: null, at: 1_001 },
        { room: 'plan/a', update: update(3), author: 't2', at: 1_002 },
      ])
      expect(seqs).toEqual([1, 1, 2])
      expect(await log.append([{ room: 'plan/a', update: update(4), author: 't1', at: 1_003 }])).toEqual([3])
      const a = await log.readLog('plan/a')
      expect(a.map((u) => [u.seq, u.author, u.at, [...u.update]])).toEqual([
        [1, 't1', 1_000, [...update(1)]],
        [2, 't2', 1_002, [...update(3)]],
        [3, 't1', 1_003, [...update(4)]],
      ])
      expect(await checkChain('plan/a', a, sha256)).toMatchObject({ ok: true, length: 3 })
      const head = await log.head('plan/a')
      expect({ seq: head.seq, hash: toHex(head.hash) }).toEqual({ seq: 3, hash: toHex(a[2]!.hash) })
      expect((await log.head('plan/none')).seq).toBe(0)
    } finally {
      await log.close()
    }
  })

  run('loads a checkpoint and the tail after it; an older checkpoint never replaces a newer one', async () => {
    const log = await open()
    try {
      await log.append([1, 2, 3, 4].map((n) => ({ room: 'plan/c', update: update(n), author: null, at: n })))
      const checkpoint = (n: number) => ({ state: update(90 + n), stateVector: update(80), deletes: update(70), meta: { title: `at ${n}` }, metaItems: [[1, n, 'title']] as [number, number, string][] })
      expect(await log.checkpoint('plan/c', checkpoint(3), 3, 0)).toEqual({ stored: 3, wrote: true })
      expect(await log.checkpoint('plan/c', checkpoint(2), 2, 3)).toEqual({ stored: 3, wrote: false })
      const stored = await log.load('plan/c')
      expect(stored.checkpointSeq).toBe(3)
      expect(stored.lastSeq).toBe(4)
      expect(stored.tail.map((t) => [...t])).toEqual([[...update(4)]])
      expect(stored.checkpoint?.meta).toEqual({ title: 'at 3' })
      expect(stored.checkpoint?.metaItems).toEqual([[1, 3, 'title']])
      expect([...(stored.checkpoint?.state ?? [])]).toEqual([...update(93)])
      expect(await log.load('plan/empty')).toEqual({ checkpoint: null, checkpointSeq: 0, tail: [], lastSeq: 0 })
    } finally {
      await log.close()
    }
  })

  run('keeps issued tokens (revocable once, renamable, listed by plan and for coordinators), the first signing key’s check, and the plan list', async () => {
    const log = await open()
    try {
      const base = { role: 'editor' as const, name: 'Dewi', org: 'SBMI', createdAt: 10, expiresAt: 99, revokedAt: null }
      await log.saveToken({ ...base, id: 'k1', plan: 'p1' })
      await log.saveToken({ ...base, id: 'k2', plan: ['p1', 'p2'], role: 'coordinator', createdAt: 11 })
      expect(await log.getToken('k2')).toEqual({ ...base, id: 'k2', plan: ['p1', 'p2'], role: 'coordinator', createdAt: 11 })
      expect(await log.revokeToken('k1', 50)).toBe(true)
      expect(await log.revokeToken('nope', 50)).toBe(false)
      await log.renameToken('k1', 'Dewi Lestari', 'SBMI')
      expect(await log.listTokens('p1')).toEqual([{ ...base, id: 'k1', plan: 'p1', name: 'Dewi Lestari', revokedAt: 50 }])
      expect((await log.listCoordinatorTokens()).map((t) => t.id)).toEqual(['k2'])
      expect(await log.claimKeyCheck('check-of-key-1')).toBe('check-of-key-1')
      expect(await log.claimKeyCheck('check-of-key-2')).toBe('check-of-key-1')
      await log.savePlan({ id: 'p1', title: 'First', deleted: false, updatedAt: 1 })
      await log.savePlan({ id: 'p2', title: 'Second', deleted: true, updatedAt: 2 })
      await log.touchPlan('p1', 3)
      await log.touchPlan('unlisted', 4)
      expect(await log.listPlans()).toEqual([
        { id: 'p1', title: 'First', deleted: false, updatedAt: 3 },
        { id: 'p2', title: 'Second', deleted: true, updatedAt: 2 },
      ])
    } finally {
      await log.close()
    }
  })

  run('keeps review rounds, closed once; marks a plan’s history whenever its plan, discussion or descriptions log anything', async () => {
    const log = await open()
    try {
      const round: Round = { id: '00000000-0000-4000-8000-000000000001', planId: 'p1', title: 'Review', deadline: '2027-01-01', actionIds: ['a1'], orgs: ['CLC'], openedAt: 5, openedBy: { name: 'Aiko', org: 'ILO' }, closed: null }
      await log.saveRound(round)
      expect(await log.listRounds('p1')).toEqual([round])
      const closed = { ...round, closed: { at: 9, by: { name: 'Aiko', org: 'ILO' }, plan: { seq: 1, head: 'a'.repeat(64) }, discussion: { seq: 0, head: 'b'.repeat(64) }, summary: { actions: 1, orgs: [], reservations: [] } } }
      expect(await log.closeRound(closed)).toBe(true)
      expect(await log.closeRound({ ...closed, closed: { ...closed.closed, at: 10 } })).toBe(false)
      expect((await log.getRound(round.id))?.closed?.at).toBe(9)

      const marks = new Set([await log.historyMark('p1')])
      const logged = async (room: string) => {
        await log.append([{ room, update: update(marks.size), author: null, at: 100 + marks.size }])
        return log.historyMark('p1')
      }
      for (const room of [planRoom('p1'), discussionRoom('p1'), noteRoom('p1', 'a1'), noteRoom('p1', 'a2'), noteRoom('p1', 'a1')]) {
        const mark = await logged(room)
        expect(marks.has(mark), `${room} moved the mark`).toBe(false)
        marks.add(mark)
      }
      const before = await log.historyMark('p1')
      await log.append([{ room: planRoom('p10'), update: update(1), author: null, at: 200 }, { room: noteRoom('p2', 'a1'), update: update(2), author: null, at: 201 }])
      expect(await log.historyMark('p1')).toBe(before)
    } finally {
      await log.close()
    }
  })
})
