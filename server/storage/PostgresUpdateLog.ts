import { createHash, randomUUID } from 'node:crypto'
import pg from 'pg'
import { z } from 'zod'
import { GENESIS, linkBytes } from '../../shared/logChain.js'
import { discussionRoom, noteRoom, planRoom } from '../../shared/rooms.js'
import { Round } from '../../shared/rounds.js'
import { Version } from '../../shared/versions.js'
import { JoinCodeRecord } from '../../shared/workshop.js'
import type { Logger } from '../logger.js'
import type { HistoryLog, LogPlace } from './HistoryLog.js'
import type { JoinCodeStore } from './JoinCodeStore.js'
import type { RoundStore } from './RoundStore.js'
import type { VersionStore } from './VersionStore.js'
import type { PlanDirectory, PlanSummary } from './PlanDirectory.js'
import { KEY_CHECK, scopeText, TokenRow, type TokenRecord, type TokenStore } from './TokenStore.js'
import type { FeedListener, StoredUpdate, UpdateFeed } from './UpdateFeed.js'
import type { Checkpoint, LogEntry, LoggedUpdate, StoredDoc, UpdateLog } from './UpdateLog.js'
import { bytes } from './columns.js'
import { pgTypes } from './pgTypes.js'

const schema = `
CREATE TABLE IF NOT EXISTS heads (room TEXT PRIMARY KEY, seq BIGINT NOT NULL, hash BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS updates (
  room TEXT NOT NULL, seq BIGINT NOT NULL, at BIGINT NOT NULL, author TEXT, bytes BYTEA NOT NULL, hash BYTEA NOT NULL,
  PRIMARY KEY (room, seq)
);
CREATE TABLE IF NOT EXISTS checkpoints (
  room TEXT PRIMARY KEY, seq BIGINT NOT NULL, at BIGINT NOT NULL,
  state BYTEA NOT NULL, state_vector BYTEA NOT NULL, deletes BYTEA NOT NULL, meta JSONB NOT NULL
);
CREATE TABLE IF NOT EXISTS plans (id TEXT PRIMARY KEY, title TEXT NOT NULL, deleted BOOLEAN NOT NULL, updated_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY, plan TEXT NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL, org TEXT NOT NULL,
  created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, revoked_at BIGINT
);
CREATE INDEX IF NOT EXISTS tokens_by_plan ON tokens (plan);
CREATE TABLE IF NOT EXISTS versions (id TEXT PRIMARY KEY, plan TEXT NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS versions_by_plan ON versions (plan, created_at);
CREATE TABLE IF NOT EXISTS join_codes (
  code TEXT PRIMARY KEY, plan TEXT NOT NULL, workshop TEXT NOT NULL, role TEXT NOT NULL, expires_at BIGINT NOT NULL, created_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS join_codes_by_workshop ON join_codes (plan, workshop, created_at);
CREATE TABLE IF NOT EXISTS rounds (id TEXT PRIMARY KEY, plan TEXT NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS rounds_by_plan ON rounds (plan, created_at);
ALTER TABLE tokens ADD COLUMN IF NOT EXISTS renamed_at BIGINT NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);`

/** The channel every instance listens on; a notice names the room and its new head, and carries the updates when they fit (NOTIFY carries 8 kB at most). */
const CHANNEL = 'jointplan_log'
/** Presence, and each instance's heartbeat, on a channel of its own: never stored. */
const PRESENCE = 'jointplan_presence'
/** How often an instance says it is alive... */
const BEAT_MS = 5_000
/** ...and after how long without a word the others take it for dead and drop its clients' presence. */
const GONE_AFTER_MS = 15_000
/** Any fixed number: instances starting together create the schema one after the other. */
const SCHEMA_LOCK = 4_455_001
const RECONNECT_MS = [100, 250, 500, 1_000, 2_000]
const tokenColumns = 'id, plan, role, name, org, created_at AS "createdAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"'
const joinCodeColumns = 'code, plan AS "planId", workshop AS "workshopId", role, expires_at AS "expiresAt", created_at AS "createdAt"'

const Notice = z.object({
  room: z.string().min(1),
  seq: z.number().int().positive(),
  instance: z.string().min(1),
  updates: z.array(z.tuple([z.number().int().positive(), z.string().base64()])).default([]),
})
/** A notice carries its updates when it stays this short (NOTIFY's limit is 8,000 bytes); else readers read them from the table. */
const CARRIED_NOTICE_CHARS = 7_500
const PresenceNotice = z.union([
  z.object({ instance: z.string().min(1), room: z.string().min(1), update: z.string().base64() }),
  z.object({ instance: z.string().min(1), beat: z.literal(true) }),
])
const CheckpointMeta = z.object({ meta: z.record(z.string(), z.unknown()), metaItems: z.array(z.tuple([z.number(), z.number(), z.string()])) })

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

/** A notice of an append, with its updates when they fit. */
const noticeText = (room: string, seq: number, instance: string, rows: readonly { seq: number; update: Uint8Array }[]): string => {
  const carried = JSON.stringify({ room, seq, instance, updates: rows.map((r) => [r.seq, Buffer.from(r.update).toString('base64')]) })
  return carried.length <= CARRIED_NOTICE_CHARS ? carried : JSON.stringify({ room, seq, instance })
}

/** Runs `work` in one transaction on a connection of `pool`: committed when it returns, rolled back when it throws. */
const inTransaction = async <T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

/** A connection URL as an error may show it: host, port and database, never the password. */
const whereIs = (url: string): string => {
  try {
    const { hostname, port, pathname } = new URL(url)
    return `${hostname || 'the local socket'}${port ? `:${port}` : ''}${pathname}`
  } catch {
    return 'an unreadable URL'
  }
}

const sha256 = (data: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(data).digest())

/**
 * The shared log of a scaled-out deployment: every instance appends to it, and hears of the
 * others' appends through LISTEN/NOTIFY. A notice is sent in the appending transaction, so
 * PostgreSQL delivers it only once the rows are committed, and in commit order: an instance
 * that forwards an update it heard of forwards a stored one. Each room's head (seq and
 * chain hash) is one row, locked by the append that moves it, so two instances appending to
 * one room get consecutive numbers and one chain.
 */
export class PostgresUpdateLog implements UpdateLog, UpdateFeed, HistoryLog, TokenStore, PlanDirectory, VersionStore, RoundStore, JoinCodeStore {
  /** This process's name in the notices, so that it can tell its own appends from the others'. */
  readonly instance = randomUUID()
  private listener: pg.Client | null = null
  private closed = false
  private readonly listeners: FeedListener[] = []
  /** When each other instance was last heard from. */
  private readonly lastHeard = new Map<string, number>()
  private beatTimer: NodeJS.Timeout | null = null

  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    private readonly logger: Pick<Logger, 'error' | 'warn'>,
  ) {}

  static async open(url: string, logger: Pick<Logger, 'error' | 'warn'>): Promise<PostgresUpdateLog> {
    const pool = new pg.Pool({ connectionString: url, types: pgTypes, max: 10 })
    // A connection dropped while idle in the pool is replaced on next use; the error is not fatal.
    pool.on('error', (err) => logger.warn({ err }, 'an idle PostgreSQL connection failed'))
    try {
      await inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK])
        await client.query(schema)
      })
    } catch (error) {
      await pool.end()
      throw new Error(`could not open the log in PostgreSQL at ${whereIs(url)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
    }
    return new PostgresUpdateLog(pool, url, logger)
  }

  get place(): LogPlace {
    return { kind: 'postgres', url: this.url }
  }

  /** From the heads, which every instance's appends move, and the last time any name on record changed (on any instance). */
  async historyMark(planId: string): Promise<string> {
    const notes = noteRoom(planId, '')
    const row = (
      await this.pool.query<{ plan: number; discussion: number; notes: string; renamed: number }>(
        `SELECT coalesce((SELECT seq FROM heads WHERE room = $1), 0) AS plan,
                coalesce((SELECT seq FROM heads WHERE room = $2), 0) AS discussion,
                (SELECT count(*) || '.' || coalesce(sum(seq), 0) FROM heads WHERE room > $3 AND room < $3 || '~') AS notes,
                coalesce((SELECT max(renamed_at) FROM tokens), 0) AS renamed`,
        [planRoom(planId), discussionRoom(planId), notes],
      )
    ).rows[0]
    return `${row?.plan ?? 0}.${row?.discussion ?? 0}.${row?.notes ?? ''}.${row?.renamed ?? 0}`
  }

  async load(room: string): Promise<StoredDoc> {
    const cp = await this.pool.query<{ seq: number; state: Buffer; state_vector: Buffer; deletes: Buffer; meta: unknown }>(
      'SELECT seq, state, state_vector, deletes, meta FROM checkpoints WHERE room = $1',
      [room],
    )
    const row = cp.rows[0]
    const checkpointSeq = row?.seq ?? 0
    const tail = await this.readAfter(room, checkpointSeq)
    const meta = CheckpointMeta.safeParse(row?.meta).data ?? { meta: {}, metaItems: [] }
    return {
      checkpoint: row ? { state: bytes(row.state), stateVector: bytes(row.state_vector), deletes: bytes(row.deletes), ...meta } : null,
      checkpointSeq,
      tail: tail.map((t) => t.update),
      lastSeq: tail.at(-1)?.seq ?? checkpointSeq,
    }
  }

  async append(entries: readonly LogEntry[]): Promise<number[]> {
    const seqs = new Array<number>(entries.length)
    const byRoom = new Map<string, number[]>()
    for (const [i, entry] of entries.entries()) byRoom.set(entry.room, [...(byRoom.get(entry.room) ?? []), i])
    await inTransaction(this.pool, async (client) => {
      // Rooms in name order: two instances appending to the same rooms lock them in the same order.
      for (const room of [...byRoom.keys()].sort()) {
        const indexes = byRoom.get(room) ?? []
        // Creates the head at genesis, or locks the existing one and reads it.
        const head = await client.query<{ seq: number; hash: Buffer }>(
          'INSERT INTO heads (room, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (room) DO UPDATE SET seq = heads.seq RETURNING seq, hash',
          [room, GENESIS],
        )
        let seq = head.rows[0]?.seq ?? 0
        let hash: Uint8Array = head.rows[0] ? bytes(head.rows[0].hash) : GENESIS
        const rows = indexes.map((i) => {
          const e = entries[i] as LogEntry
          seq += 1
          hash = sha256(linkBytes(room, hash, { seq, at: e.at, author: e.author, update: e.update }))
          seqs[i] = seq
          return { seq, at: e.at, author: e.author, update: e.update, hash }
        })
        await client.query(
          `WITH stored AS (
             INSERT INTO updates (room, seq, at, author, bytes, hash)
             SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::bytea[], $6::bytea[])
           ), moved AS (UPDATE heads SET seq = $7, hash = $8 WHERE room = $1)
           SELECT pg_notify($9, $10)`,
          [
            room,
            rows.map((r) => r.seq),
            rows.map((r) => r.at),
            rows.map((r) => r.author),
            rows.map((r) => Buffer.from(r.update)),
            rows.map((r) => Buffer.from(r.hash)),
            seq,
            Buffer.from(hash),
            CHANNEL,
            noticeText(room, seq, this.instance, rows),
          ],
        )
      }
    })
    return seqs
  }

  /**
   * One writer per room at a time, through an advisory lock held for the transaction (a
   * writer that dies rolls back and lets go); appends never take it. The write happens only
   * if the stored checkpoint is still the one the room knew: when another instance wrote
   * this round's, this one's is dropped and the room learns where the stored one is.
   */
  async checkpoint(room: string, checkpoint: Checkpoint, seq: number, known: number): Promise<{ stored: number; wrote: boolean }> {
    const { state, stateVector, deletes, meta, metaItems } = checkpoint
    return inTransaction(this.pool, async (client) => {
      const locked = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_xact_lock(hashtext('checkpoint:' || $1)) AS locked", [room])
      const stored = (await client.query<{ seq: number }>('SELECT seq FROM checkpoints WHERE room = $1', [room])).rows[0]?.seq ?? 0
      if (!locked.rows[0]?.locked || stored > known || stored >= seq) return { stored: Math.max(stored, known), wrote: false }
      await client.query(
        `INSERT INTO checkpoints (room, seq, at, state, state_vector, deletes, meta) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (room) DO UPDATE SET seq = excluded.seq, at = excluded.at, state = excluded.state,
           state_vector = excluded.state_vector, deletes = excluded.deletes, meta = excluded.meta`,
        [room, seq, Date.now(), Buffer.from(state), Buffer.from(stateVector), Buffer.from(deletes), JSON.stringify({ meta, metaItems })],
      )
      return { stored: seq, wrote: true }
    })
  }

  async readLog(room: string): Promise<LoggedUpdate[]> {
    const result = await this.pool.query<{ seq: number; at: number; author: string | null; bytes: Buffer; hash: Buffer }>(
      'SELECT seq, at, author, bytes, hash FROM updates WHERE room = $1 ORDER BY seq',
      [room],
    )
    return result.rows.map((r) => ({ seq: r.seq, at: r.at, author: r.author, update: bytes(r.bytes), hash: bytes(r.hash) }))
  }

  async head(room: string): Promise<{ seq: number; hash: Uint8Array }> {
    const row = (await this.pool.query<{ seq: number; hash: Buffer }>('SELECT seq, hash FROM heads WHERE room = $1', [room])).rows[0]
    return row ? { seq: row.seq, hash: bytes(row.hash) } : { seq: 0, hash: GENESIS }
  }

  async readAfter(room: string, seq: number): Promise<StoredUpdate[]> {
    const result = await this.pool.query<{ seq: number; bytes: Buffer }>('SELECT seq, bytes FROM updates WHERE room = $1 AND seq > $2 ORDER BY seq', [room, seq])
    return result.rows.map((r) => ({ seq: r.seq, update: bytes(r.bytes) }))
  }

  async heads(rooms: readonly string[]): Promise<Map<string, number>> {
    const result = await this.pool.query<{ room: string; seq: number }>('SELECT room, seq FROM heads WHERE room = ANY($1::text[])', [rooms])
    return new Map(result.rows.map((r) => [r.room, r.seq]))
  }

  async subscribe(listener: FeedListener): Promise<void> {
    this.listeners.push(listener)
    if (this.listener) return
    await this.listen(0)
    this.beatTimer = setInterval(() => this.beat(), BEAT_MS)
    this.beatTimer.unref()
    this.beat()
  }

  publishPresence(room: string, update: Uint8Array): void {
    this.notify(PRESENCE, { instance: this.instance, room, update: Buffer.from(update).toString('base64') })
  }

  /** Says this instance is alive, and drops the presence of those that have not said so for too long. */
  private beat(): void {
    this.notify(PRESENCE, { instance: this.instance, beat: true })
    const now = Date.now()
    for (const [instance, at] of this.lastHeard) {
      if (now - at < GONE_AFTER_MS) continue
      this.lastHeard.delete(instance)
      for (const listener of this.listeners) listener.gone(instance)
    }
  }

  private notify(channel: string, payload: unknown): void {
    if (this.closed) return
    this.pool.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify(payload)]).catch((err: unknown) => this.logger.warn({ err }, 'a presence notice was not sent'))
  }

  private onPresence(text: string): void {
    const notice = PresenceNotice.safeParse(parseJson(text))
    if (!notice.success || notice.data.instance === this.instance) return
    this.lastHeard.set(notice.data.instance, Date.now())
    if (!('room' in notice.data)) return
    const update = new Uint8Array(Buffer.from(notice.data.update, 'base64'))
    for (const listener of this.listeners) listener.presence(notice.data.room, notice.data.instance, update)
  }

  /** One connection LISTENs; when it drops, it is opened again and every listener told to read what it may have missed. */
  private async listen(attempt: number): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, types: pgTypes, application_name: 'jointplan-listen' })
    this.listener = client
    let lost = false
    const reconnect = (err?: unknown) => {
      if (lost || this.closed) return
      lost = true
      this.logger.warn({ err }, 'the PostgreSQL LISTEN connection was lost; reconnecting')
      client.removeAllListeners('notification')
      void client.end().catch(() => undefined)
      const wait = RECONNECT_MS[Math.min(attempt, RECONNECT_MS.length - 1)]
      setTimeout(() => void this.listen(attempt + 1).catch(() => undefined), wait).unref()
    }
    client.on('error', reconnect)
    client.on('end', () => reconnect())
    client.on('notification', (message) => {
      if (message.channel === PRESENCE) return this.onPresence(message.payload ?? '')
      if (message.channel !== CHANNEL) return
      const notice = Notice.safeParse(parseJson(message.payload ?? ''))
      if (!notice.success) return this.logger.warn({ payload: message.payload?.slice(0, 200) }, 'an unreadable notice was ignored')
      if (notice.data.instance === this.instance) return
      this.lastHeard.set(notice.data.instance, Date.now())
      const { room, seq, instance } = notice.data
      const updates = notice.data.updates.map(([at, text]) => ({ seq: at, update: new Uint8Array(Buffer.from(text, 'base64')) }))
      for (const { heard } of this.listeners) heard({ room, seq, instance, updates })
    })
    try {
      await client.connect()
      await client.query(`LISTEN ${CHANNEL}; LISTEN ${PRESENCE}`)
    } catch (error) {
      reconnect(error)
      if (attempt === 0) throw error
      return
    }
    // Whatever was committed while no connection listened is read from the table.
    if (attempt > 0) for (const { resync } of this.listeners) resync()
  }

  async saveToken(record: TokenRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO tokens (id, plan, role, name, org, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [record.id, scopeText(record.plan), record.role, record.name, record.org, record.createdAt, record.expiresAt, record.revokedAt],
    )
  }

  async claimKeyCheck(check: string): Promise<string> {
    await this.pool.query('INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [KEY_CHECK, check])
    // A statement of its own: it sees the row another instance starting at the same moment committed.
    const row = (await this.pool.query<{ value: string }>('SELECT value FROM settings WHERE name = $1', [KEY_CHECK])).rows[0]
    if (!row) throw new Error('the token key check was not recorded')
    return row.value
  }

  async getToken(id: string): Promise<TokenRecord | null> {
    const row = (await this.pool.query(`SELECT ${tokenColumns} FROM tokens WHERE id = $1`, [id])).rows[0] as unknown
    return row === undefined ? null : TokenRow.parse(row)
  }

  async revokeToken(id: string, at: number): Promise<boolean> {
    if (!(await this.getToken(id))) return false
    await this.pool.query('UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id])
    return true
  }

  async renameToken(id: string, name: string, org: string): Promise<void> {
    await this.pool.query('UPDATE tokens SET name = $1, org = $2, renamed_at = $3 WHERE id = $4', [name, org, Date.now(), id])
  }

  async listTokens(plan: string): Promise<TokenRecord[]> {
    const result = await this.pool.query(`SELECT ${tokenColumns} FROM tokens WHERE plan = $1 ORDER BY created_at DESC`, [plan])
    return result.rows.map((row: unknown) => TokenRow.parse(row))
  }

  async listCoordinatorTokens(): Promise<TokenRecord[]> {
    const result = await this.pool.query(`SELECT ${tokenColumns} FROM tokens WHERE role = 'coordinator' ORDER BY created_at DESC`)
    return result.rows.map((row: unknown) => TokenRow.parse(row))
  }

  async saveVersion(version: Version): Promise<void> {
    await this.pool.query('INSERT INTO versions (id, plan, body, created_at) VALUES ($1, $2, $3, $4)', [version.id, version.planId, JSON.stringify(Version.parse(version)), version.createdAt])
  }

  async listVersions(planId: string): Promise<Version[]> {
    const result = await this.pool.query<{ body: string }>('SELECT body FROM versions WHERE plan = $1 ORDER BY created_at DESC', [planId])
    return result.rows.map((row) => Version.parse(JSON.parse(row.body)))
  }

  async getVersion(id: string): Promise<Version | null> {
    const row = (await this.pool.query<{ body: string }>('SELECT body FROM versions WHERE id = $1', [id])).rows[0]
    return row ? Version.parse(JSON.parse(row.body)) : null
  }

  async saveRound(round: Round): Promise<void> {
    await this.pool.query('INSERT INTO rounds (id, plan, body, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET body = excluded.body', [
      round.id,
      round.planId,
      JSON.stringify(Round.parse(round)),
      round.openedAt,
    ])
  }

  async listRounds(planId: string): Promise<Round[]> {
    const result = await this.pool.query<{ body: string }>('SELECT body FROM rounds WHERE plan = $1 ORDER BY created_at DESC', [planId])
    return result.rows.map((row) => Round.parse(JSON.parse(row.body)))
  }

  async getRound(id: string): Promise<Round | null> {
    const row = (await this.pool.query<{ body: string }>('SELECT body FROM rounds WHERE id = $1', [id])).rows[0]
    return row ? Round.parse(JSON.parse(row.body)) : null
  }

  async closeRound(closed: Round): Promise<boolean> {
    const result = await this.pool.query("UPDATE rounds SET body = $1 WHERE id = $2 AND body::jsonb -> 'closed' = 'null'::jsonb", [JSON.stringify(Round.parse(closed)), closed.id])
    return result.rowCount === 1
  }

  async saveJoinCode(record: JoinCodeRecord): Promise<void> {
    const { code, planId, workshopId, role, expiresAt, createdAt } = JoinCodeRecord.parse(record)
    await this.pool.query('INSERT INTO join_codes (code, plan, workshop, role, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [code, planId, workshopId, role, expiresAt, createdAt])
  }

  async joinCode(code: string): Promise<JoinCodeRecord | null> {
    const row = (await this.pool.query(`SELECT ${joinCodeColumns} FROM join_codes WHERE code = $1`, [code])).rows[0] as unknown
    return row === undefined ? null : JoinCodeRecord.parse(row)
  }

  async currentJoinCode(planId: string, workshopId: string, now: number): Promise<JoinCodeRecord | null> {
    const row = (
      await this.pool.query(`SELECT ${joinCodeColumns} FROM join_codes WHERE plan = $1 AND workshop = $2 AND expires_at > $3 ORDER BY created_at DESC LIMIT 1`, [planId, workshopId, now])
    ).rows[0] as unknown
    return row === undefined ? null : JoinCodeRecord.parse(row)
  }

  async savePlan(summary: PlanSummary): Promise<void> {
    await this.pool.query(
      `INSERT INTO plans (id, title, deleted, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, deleted = excluded.deleted, updated_at = excluded.updated_at`,
      [summary.id, summary.title, summary.deleted, summary.updatedAt],
    )
  }

  async touchPlan(id: string, updatedAt: number): Promise<void> {
    await this.pool.query('UPDATE plans SET updated_at = $1 WHERE id = $2', [updatedAt, id])
  }

  async listPlans(): Promise<PlanSummary[]> {
    const result = await this.pool.query<{ id: string; title: string; deleted: boolean; updatedAt: number }>(
      'SELECT id, title, deleted, updated_at AS "updatedAt" FROM plans ORDER BY updated_at DESC',
    )
    return result.rows
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.beatTimer) clearInterval(this.beatTimer)
    await this.listener?.end().catch(() => undefined)
    await this.pool.end()
  }
}
