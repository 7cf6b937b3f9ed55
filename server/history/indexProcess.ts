// The history process: keeps a change index of each plan in `history.sqlite`, beside the
// log, and answers queries from it. Replaying a long log into a Y.Doc takes hundreds of ms;
// here it costs the sync thread nothing, and each update is replayed once: the replay's
// state is kept with the index, and a query first replays only what was logged since.
// The log is the SQLite file or the shared PostgreSQL database; the index is always a local
// file, derived from the log: each instance of a scaled-out deployment keeps its own.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { z } from 'zod'
import * as Y from 'yjs'
import { readDiscussion } from '../../shared/discussion.js'
import { HistoryReplay, type HistoryKind } from '../../shared/history.js'
import { GENESIS, toHex } from '../../shared/logChain.js'
import { readPlan } from '../../shared/read.js'
import { RoundInput, summarizeRound } from '../../shared/rounds.js'
import { Id } from '../../shared/schema.js'
import { discussionRoom, noteRoom, planRoom } from '../../shared/rooms.js'
import { HistoryQuery, type StoredChange } from '../../shared/historyQuery.js'
import { LogPlace } from '../storage/HistoryLog.js'
import { serveJobs } from '../jobChannel.mjs'
import { openLogReader, type HistoryLogReader } from './logReaders.js'

/** The index is derived from the log: one of another layout is dropped and rebuilt. */
const INDEX_LAYOUT = 2

const schema = `
CREATE TABLE IF NOT EXISTS replays (room TEXT PRIMARY KEY, seq INTEGER NOT NULL, state BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS changes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan TEXT NOT NULL, room TEXT NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL, author TEXT,
  entity TEXT NOT NULL, entity_id TEXT NOT NULL, field TEXT NOT NULL, before TEXT, after TEXT, action_id TEXT,
  overwritten_by TEXT
);
CREATE INDEX IF NOT EXISTS changes_by_plan ON changes (plan, at, id);
CREATE INDEX IF NOT EXISTS changes_by_action ON changes (plan, action_id, at, id);
`

const Place = { dataDir: z.string(), log: LogPlace }
const Job = z.discriminatedUnion('job', [
  z.object({ id: z.number(), job: z.literal('query'), input: z.object({ ...Place, query: HistoryQuery }) }),
  z.object({ id: z.number(), job: z.literal('round'), input: z.object({ ...Place, planId: Id, round: RoundInput.pick({ actionIds: true, orgs: true }) }) }),
])
type Place = { dataDir: string; log: LogPlace }

let open: { key: string; log: HistoryLogReader; index: Database.Database } | null = null

const databases = async ({ dataDir, log }: Place) => {
  const key = JSON.stringify([dataDir, log])
  if (open?.key === key) return open
  await open?.log.close()
  open?.index.close()
  const index = new Database(join(dataDir, 'history.sqlite'))
  index.pragma('journal_mode = WAL')
  index.pragma('busy_timeout = 5000')
  if (index.pragma('user_version', { simple: true }) !== INDEX_LAYOUT) {
    index.exec('DROP TABLE IF EXISTS replays; DROP TABLE IF EXISTS changes;')
    index.pragma(`user_version = ${INDEX_LAYOUT}`)
  }
  index.exec(schema)
  open = { key, log: openLogReader(dataDir, log), index }
  return open
}

const json = (value: unknown): string => JSON.stringify(value ?? null)

/** Description edits by one author within this long are one entry: typing is not a history of keystrokes. */
const NOTE_SESSION_MS = 10 * 60_000

/** Replays what the room logged since the index last saw it, and records its changes. */
const catchUp = async (dbs: NonNullable<typeof open>, planId: string, room: string, kind: HistoryKind): Promise<void> => {
  const keptAt = dbs.index.prepare('SELECT seq FROM replays WHERE room = ?').pluck()
  const kept = dbs.index.prepare('SELECT seq, state FROM replays WHERE room = ?').get(room) as { seq: number; state: Buffer } | undefined
  const rows = await dbs.log.after(room, kept?.seq ?? 0)
  if (rows.length === 0) return
  const replay = new HistoryReplay(kind, kept ? new Uint8Array(kept.state) : undefined)
  const insert = dbs.index.prepare(
    'INSERT INTO changes (plan, room, seq, at, author, entity, entity_id, field, before, after, action_id, overwritten_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  // The value that won is the field's latest change logged before the one it overwrote.
  const winner = dbs.index.prepare('SELECT author FROM changes WHERE room = ? AND entity_id = ? AND field = ? AND seq < ? ORDER BY seq DESC, id DESC LIMIT 1')
  const lastOfRoom = dbs.index.prepare('SELECT id, at, author FROM changes WHERE room = ? ORDER BY id DESC LIMIT 1')
  const extend = dbs.index.prepare('UPDATE changes SET seq = ?, at = ?, after = ? WHERE id = ?')
  dbs.index.transaction(() => {
    // Another process indexing the same folder got here first: what it wrote stands.
    if (((keptAt.get(room) as number | undefined) ?? 0) !== (kept?.seq ?? 0)) return
    for (const row of rows) {
      const author = row.author === null ? null : { id: row.author, name: '', org: '' }
      for (const c of replay.apply({ seq: row.seq, at: row.at, author, update: row.bytes })) {
        if (typeof kind === 'object') {
          const last = lastOfRoom.get(room) as { id: number; at: number; author: string | null } | undefined
          if (last && last.author === row.author && row.at - last.at < NOTE_SESSION_MS) {
            extend.run(c.seq, c.at, json(c.after), last.id)
            continue
          }
        }
        const actionId = c.entity === 'action' ? c.entityId : (c.actionId ?? null)
        const overwrittenBy = c.overwritten ? ((winner.get(room, c.entityId, c.field, c.seq) as { author: string | null } | undefined)?.author ?? '') : null
        insert.run(planId, room, c.seq, c.at, row.author, c.entity, c.entityId, c.field, json(c.before), json(c.after), actionId, overwrittenBy)
      }
    }
    dbs.index.prepare('INSERT INTO replays (room, seq, state) VALUES (?, ?, ?) ON CONFLICT (room) DO UPDATE SET seq = excluded.seq, state = excluded.state').run(room, rows.at(-1)!.seq, replay.state())
  }).immediate()
  replay.destroy()
}

/** The rooms of the plan's action descriptions that have anything logged. */
const noteRooms = async (dbs: NonNullable<typeof open>, planId: string): Promise<string[]> => {
  const prefix = noteRoom(planId, '')
  return (await dbs.log.roomsUnder(prefix)).filter((room) => room.length > prefix.length)
}

/**
 * One page of a plan's changes, as the API's JSON text: authors named from the record of
 * each invite as it is now (the host's name is what they typed on the plans page). Built
 * here, so that the sync thread only passes the text on.
 */
const query = async (place: Place, q: HistoryQuery): Promise<string> => {
  const dbs = await databases(place)
  await catchUp(dbs, q.planId, planRoom(q.planId), 'plan')
  await catchUp(dbs, q.planId, discussionRoom(q.planId), 'discussion')
  const prefix = noteRoom(q.planId, '')
  for (const room of await noteRooms(dbs, q.planId)) await catchUp(dbs, q.planId, room, { note: room.slice(prefix.length) })
  const where = ['plan = @planId']
  if (q.actionId) where.push('action_id = @actionId')
  if (q.since !== undefined) where.push('at > @since')
  if (q.afterSeq !== undefined) where.push('room = @planRoom AND seq > @afterSeq')
  if (q.upToSeq !== undefined) where.push('room = @planRoom AND seq <= @upToSeq')
  const [beforeAt, beforeId] = q.before?.split(':').map(Number) ?? []
  if (beforeAt !== undefined && beforeId !== undefined) where.push('(at < @beforeAt OR (at = @beforeAt AND id < @beforeId))')
  const rows = dbs.index
    .prepare(`SELECT id, seq, at, author, entity, entity_id AS entityId, field, before, after, action_id AS actionId, overwritten_by AS overwrittenBy FROM changes WHERE ${where.join(' AND ')} ORDER BY at DESC, id DESC LIMIT @take`)
    .all({ planId: q.planId, planRoom: planRoom(q.planId), afterSeq: q.afterSeq ?? null, upToSeq: q.upToSeq ?? null, actionId: q.actionId ?? null, since: q.since ?? null, beforeAt: beforeAt ?? null, beforeId: beforeId ?? null, take: q.limit + 1 }) as (Omit<StoredChange, 'before' | 'after'> & { id: number; before: string; after: string; overwrittenBy: string | null })[]
  const page = rows.slice(0, q.limit)
  const oldest = page.at(-1)
  const named = new Map<string, { id: string; name: string; org: string }>()
  for (const id of new Set(page.flatMap((c) => [c.author, c.overwrittenBy]).filter((id): id is string => !!id))) {
    const found = await dbs.log.person(id)
    named.set(id, { id, name: found?.name ?? 'unknown', org: found?.org ?? '' })
  }
  const author = (id: string | null) => (id === null ? null : named.get(id))
  // before and after are JSON already: spliced in as they are.
  const changes = page.reverse().map(({ id: _id, before, after, author: by, actionId, overwrittenBy, ...rest }) => {
    const overwritten = overwrittenBy === null ? {} : { overwritten: true, overwrittenBy: author(overwrittenBy || null) }
    const head = JSON.stringify({ ...rest, author: author(by), ...(actionId && rest.entity !== 'action' ? { actionId } : {}), ...overwritten })
    return `${head.slice(0, -1)},"before":${before},"after":${after}}`
  })
  const next = rows.length > q.limit && oldest ? `${oldest.at}:${oldest.id}` : null
  return `{"changes":[${changes.join(',')}],"next":${JSON.stringify(next)}}`
}

/**
 * Where a round's organizations stand now, as JSON text: the plan and discussion are the
 * replays' states once caught up, and the log positions they were read at come with it.
 */
const roundSummary = async (place: Place, planId: string, round: Pick<RoundInput, 'actionIds' | 'orgs'>): Promise<string> => {
  const dbs = await databases(place)
  const read = async (room: string, kind: 'plan' | 'discussion') => {
    await catchUp(dbs, planId, room, kind)
    const kept = dbs.index.prepare('SELECT seq, state FROM replays WHERE room = ?').get(room) as { seq: number; state: Buffer } | undefined
    const doc = new Y.Doc()
    if (kept) Y.applyUpdate(doc, new Uint8Array(kept.state))
    const hash = kept ? await dbs.log.hashAt(room, kept.seq) : undefined
    return { doc, point: { seq: kept?.seq ?? 0, head: toHex(hash ?? GENESIS) } }
  }
  const plan = await read(planRoom(planId), 'plan')
  const discussion = await read(discussionRoom(planId), 'discussion')
  const summary = summarizeRound(round, readPlan(plan.doc), readDiscussion(discussion.doc))
  plan.doc.destroy()
  discussion.doc.destroy()
  return JSON.stringify({ plan: plan.point, discussion: discussion.point, summary })
}

/** One job at a time: two catching up on the same room would index its updates twice. */
let turn: Promise<void> = Promise.resolve()

serveJobs(
  (message, reply) => {
    const job = Job.safeParse(message)
    if (!job.success) {
      // Answered, so that the asker is not left waiting on a job this process cannot read.
      const id = z.object({ id: z.number() }).safeParse(message)
      if (id.success) reply({ id: id.data.id, error: z.prettifyError(job.error) })
      return
    }
    const { data } = job
    turn = turn.then(async () => {
      try {
        const body = data.job === 'query' ? await query(data.input, data.input.query) : await roundSummary(data.input, data.input.planId, data.input.round)
        reply({ id: data.id, body })
      } catch (error) {
        reply({ id: data.id, error: error instanceof Error ? error.message : String(error) })
      }
    })
  },
  () => {
    void turn.then(async () => {
      await open?.log.close()
      open?.index.close()
      process.exit(0)
    })
  },
)
