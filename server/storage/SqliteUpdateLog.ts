import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { z } from 'zod'
import { GENESIS, linkBytes } from '../../shared/logChain.js'
import { Round } from '../../shared/rounds.js'
import { JoinCodeRecord } from '../../shared/workshop.js'
import { Version } from '../../shared/versions.js'
import { discussionRoom, noteRoom, planRoom } from '../../shared/rooms.js'
import type { Logger } from '../logger.js'
import type { PlanDirectory, PlanSummary } from './PlanDirectory.js'
import { KEY_CHECK, scopeText, TokenRow, type TokenRecord, type TokenStore } from './TokenStore.js'
import type { HistoryLog, LogPlace } from './HistoryLog.js'
import type { Checkpoint, LogEntry, LoggedUpdate, StoredDoc, UpdateLog } from './UpdateLog.js'
import type { JoinCodeStore } from './JoinCodeStore.js'
import type { RoundStore } from './RoundStore.js'
import type { VersionStore } from './VersionStore.js'
import { bytes } from './columns.js'

export const SQLITE_FILE = 'jointplan.sqlite'
const BUSY_TIMEOUT_MS = 5_000
/** How often the checkpointer thread copies the WAL into the database file. */
const WAL_CHECKPOINT_MS = 1_000

const schema = `
CREATE TABLE IF NOT EXISTS updates (
  room TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  author TEXT,
  bytes BLOB NOT NULL,
  PRIMARY KEY (room, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS plans (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  deleted INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY,
  plan TEXT NOT NULL,
  role TEXT NOT NULL,
  name TEXT NOT NULL,
  org TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX IF NOT EXISTS tokens_by_plan ON tokens (plan);
CREATE TABLE IF NOT EXISTS versions (
  id TEXT PRIMARY KEY,
  plan TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS versions_by_plan ON versions (plan, created_at);
CREATE TABLE IF NOT EXISTS rounds (
  id TEXT PRIMARY KEY,
  plan TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS rounds_by_plan ON rounds (plan, created_at);
CREATE TABLE IF NOT EXISTS join_codes (
  code TEXT PRIMARY KEY,
  plan TEXT NOT NULL,
  workshop TEXT NOT NULL,
  role TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS join_codes_by_workshop ON join_codes (plan, workshop, created_at);
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS checkpoints (
  room TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  state BLOB NOT NULL,
  encoding INTEGER NOT NULL DEFAULT 3,
  state_vector BLOB,
  deletes BLOB,
  meta TEXT
);`

const tokenColumns = 'id, plan, role, name, org, created_at AS createdAt, expires_at AS expiresAt, revoked_at AS revokedAt'
/** Every statement, prepared once when the log opens. */
const queries = {
  /** The seq is the chain head's plus one: the primary key refuses a second writer's fork rather than keep it. */
  append: 'INSERT INTO updates (room, seq, at, author, bytes, hash) VALUES (@room, @seq, @at, @author, @bytes, @hash)',
  head: 'SELECT seq, hash FROM updates WHERE room = ? ORDER BY seq DESC LIMIT 1',
  unchainedRooms: 'SELECT DISTINCT room FROM updates WHERE hash IS NULL',
  roomLinks: 'SELECT seq, at, author, bytes, hash FROM updates WHERE room = ? ORDER BY seq',
  setHash: 'UPDATE updates SET hash = ? WHERE room = ? AND seq = ?',
  /** Encoding 3: v1 state with its state vector and deletions. Older checkpoints are ignored: the log holds everything. */
  checkpoint: 'SELECT seq, state, state_vector AS stateVector, deletes, meta FROM checkpoints WHERE room = ? AND encoding = 3',
  tail: 'SELECT seq, bytes FROM updates WHERE room = ? AND seq > ? ORDER BY seq',
  upsertCheckpoint: `
INSERT INTO checkpoints (room, seq, at, state, encoding, state_vector, deletes, meta) VALUES (@room, @seq, @at, @state, 3, @stateVector, @deletes, @meta)
ON CONFLICT (room) DO UPDATE SET seq = excluded.seq, at = excluded.at, state = excluded.state, encoding = 3,
  state_vector = excluded.state_vector, deletes = excluded.deletes, meta = excluded.meta
WHERE excluded.seq >= checkpoints.seq`,
  savePlan: `
INSERT INTO plans (id, title, deleted, updated_at) VALUES (@id, @title, @deleted, @updatedAt)
ON CONFLICT (id) DO UPDATE SET title = excluded.title, deleted = excluded.deleted, updated_at = excluded.updated_at`,
  touchPlan: 'UPDATE plans SET updated_at = @updatedAt WHERE id = @id',
  claimSetting: 'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING',
  setting: 'SELECT value FROM settings WHERE name = ?',
  listPlans: 'SELECT id, title, deleted, updated_at AS updatedAt FROM plans ORDER BY updated_at DESC',
  saveToken: `
INSERT INTO tokens (id, plan, role, name, org, created_at, expires_at, revoked_at)
VALUES (@id, @plan, @role, @name, @org, @createdAt, @expiresAt, @revokedAt)`,
  getToken: `SELECT ${tokenColumns} FROM tokens WHERE id = ?`,
  revokeToken: 'UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
  renameToken: 'UPDATE tokens SET name = ?, org = ? WHERE id = ?',
  listTokens: `SELECT ${tokenColumns} FROM tokens WHERE plan = ? ORDER BY created_at DESC`,
  listCoordinatorTokens: `SELECT ${tokenColumns} FROM tokens WHERE role = 'coordinator' ORDER BY created_at DESC`,
  log: 'SELECT seq, at, author, bytes, hash FROM updates WHERE room = ? ORDER BY seq',
  saveVersion: 'INSERT INTO versions (id, plan, body, created_at) VALUES (@id, @plan, @body, @createdAt)',
  listVersions: 'SELECT body FROM versions WHERE plan = ? ORDER BY created_at DESC',
  getVersion: 'SELECT body FROM versions WHERE id = ?',
  saveRound: 'INSERT INTO rounds (id, plan, body, created_at) VALUES (@id, @plan, @body, @createdAt) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
  listRounds: 'SELECT body FROM rounds WHERE plan = ? ORDER BY created_at DESC',
  getRound: 'SELECT body FROM rounds WHERE id = ?',
  closeRound: "UPDATE rounds SET body = @body WHERE id = @id AND json_type(body, '$.closed') = 'null'",
  saveJoinCode: 'INSERT INTO join_codes (code, plan, workshop, role, expires_at, created_at) VALUES (@code, @planId, @workshopId, @role, @expiresAt, @createdAt)',
  joinCode: 'SELECT code, plan AS planId, workshop AS workshopId, role, expires_at AS expiresAt, created_at AS createdAt FROM join_codes WHERE code = ?',
  currentJoinCode:
    'SELECT code, plan AS planId, workshop AS workshopId, role, expires_at AS expiresAt, created_at AS createdAt FROM join_codes WHERE plan = ? AND workshop = ? AND expires_at > ? ORDER BY created_at DESC LIMIT 1',
  lastSeq: 'SELECT max(seq) AS seq FROM updates WHERE room = ?',
  notesMark: "SELECT count(*) AS n, max(at) AS at FROM updates WHERE room > ? AND room < ? || '~'",
}

const CheckpointMeta = z.object({
  meta: z.record(z.string(), z.unknown()),
  metaItems: z.array(z.tuple([z.number(), z.number(), z.string()])),
})

/** A checkpoint's meta column; unreadable is taken as empty (the plan list then waits for the next meta write or checkpoint). */
const readCheckpointMeta = (text: string | null): z.infer<typeof CheckpointMeta> => {
  let value: unknown
  try {
    value = JSON.parse(text ?? 'null')
  } catch {
    value = null
  }
  const parsed = CheckpointMeta.safeParse(value)
  return parsed.success ? parsed.data : { meta: {}, metaItems: [] }
}

const sha256 = (data: Uint8Array): Uint8Array => bytes(createHash('sha256').update(data).digest())

interface Head {
  seq: number
  hash: Uint8Array
}

/**
 * The embedded log: one SQLite file in WAL mode, one connection, every write on the sync
 * thread. With `synchronous=NORMAL` (the default) a commit writes to the WAL without waiting
 * for the disk, ~0.1 ms; a thread hop to commit elsewhere cost more than the commit. The
 * WAL is copied back into the database file by a thread of its own (`walCheckpointer.mjs`).
 */
/** A stored version as read back: checked, so that a damaged row is refused rather than trusted. */
const versionOf = (row: unknown): Version => Version.parse(JSON.parse((row as { body: string }).body))
const roundOf = (row: unknown): Round => Round.parse(JSON.parse((row as { body: string }).body))

export class SqliteUpdateLog implements UpdateLog, HistoryLog, PlanDirectory, TokenStore, VersionStore, RoundStore, JoinCodeStore {
  private readonly db: Database.Database
  private readonly sql: Record<keyof typeof queries, Database.Statement>
  private readonly appendAll: (entries: readonly LogEntry[]) => { seqs: number[]; heads: Map<string, Head> }
  /** Each room's last link, read once: this connection is the log's only writer. */
  private readonly heads = new Map<string, Head>()
  private readonly checkpointer: Worker

  constructor(dataDir: string, durability: 'full' | 'normal', logger: Pick<Logger, 'error'> | null = null) {
    mkdirSync(dataDir, { recursive: true })
    const file = join(dataDir, SQLITE_FILE)
    const synchronous = durability === 'full' ? 'FULL' : 'NORMAL'
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma(`synchronous = ${synchronous}`)
    this.db.pragma('wal_autocheckpoint = 0')
    // Another process (the CLI issuing an invite) may hold the write lock for a moment.
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    this.db.exec(schema)
    // Folders written by earlier versions: their checkpoints get the new columns and are
    // ignored (the encoding tells), and the next load replays the log, which holds everything.
    const columns = new Set((this.db.prepare('PRAGMA table_info(checkpoints)').all() as { name: string }[]).map((c) => c.name))
    if (!columns.has('encoding')) this.db.exec('ALTER TABLE checkpoints ADD COLUMN encoding INTEGER NOT NULL DEFAULT 1')
    if (!columns.has('state_vector')) this.db.exec('ALTER TABLE checkpoints ADD COLUMN state_vector BLOB')
    if (!columns.has('deletes')) this.db.exec('ALTER TABLE checkpoints ADD COLUMN deletes BLOB')
    if (!columns.has('meta')) this.db.exec('ALTER TABLE checkpoints ADD COLUMN meta TEXT')
    const updateColumns = new Set((this.db.prepare('PRAGMA table_info(updates)').all() as { name: string }[]).map((c) => c.name))
    if (!updateColumns.has('hash')) this.db.exec('ALTER TABLE updates ADD COLUMN hash BLOB')
    // After the migrations above: the statements name the new columns.
    this.sql = Object.fromEntries(Object.entries(queries).map(([name, query]) => [name, this.db.prepare(query)])) as typeof this.sql
    this.chainUnchained()
    this.appendAll = this.db.transaction((entries: readonly LogEntry[]) => {
      // New heads are kept aside until the transaction commits: a failed write leaves the chain as it was.
      const heads = new Map<string, Head>()
      const seqs = entries.map((e) => {
        const previous = heads.get(e.room) ?? this.headOf(e.room)
        const seq = previous.seq + 1
        const hash = sha256(linkBytes(e.room, previous.hash, { seq, at: e.at, author: e.author, update: e.update }))
        this.sql.append.run({ room: e.room, seq, at: e.at, author: e.author, bytes: e.update, hash })
        heads.set(e.room, { seq, hash })
        return seq
      })
      return { seqs, heads }
    })
    this.checkpointer = new Worker(new URL('./walCheckpointer.mjs', import.meta.url), { workerData: { file, everyMs: WAL_CHECKPOINT_MS } })
    this.checkpointer.unref()
    // A checkpoint that fails leaves the WAL to grow; commits go on, so it is logged, not thrown.
    this.checkpointer.on('message', (reason: unknown) => logger?.error({ reason: String(reason) }, 'WAL checkpoint failed'))
    this.checkpointer.on('error', (err) => logger?.error({ err }, 'WAL checkpointer stopped'))
  }

  async load(room: string): Promise<StoredDoc> {
    const row = this.sql.checkpoint.get(room) as
      | { seq: number; state: Buffer; stateVector: Buffer; deletes: Buffer; meta: string | null }
      | undefined
    const checkpointSeq = row?.seq ?? 0
    const rows = this.sql.tail.all(room, checkpointSeq) as { seq: number; bytes: Buffer }[]
    return {
      checkpoint: row ? { state: bytes(row.state), stateVector: bytes(row.stateVector), deletes: bytes(row.deletes), ...readCheckpointMeta(row.meta) } : null,
      checkpointSeq,
      tail: rows.map((r) => bytes(r.bytes)),
      lastSeq: rows.at(-1)?.seq ?? checkpointSeq,
    }
  }

  async append(entries: readonly LogEntry[]): Promise<number[]> {
    const { seqs, heads } = this.appendAll(entries)
    for (const [room, head] of heads) this.heads.set(room, head)
    return seqs
  }

  async head(room: string): Promise<Head> {
    return this.headOf(room)
  }

  async saveVersion(version: Version): Promise<void> {
    this.sql.saveVersion.run({ id: version.id, plan: version.planId, body: JSON.stringify(Version.parse(version)), createdAt: version.createdAt })
  }

  async listVersions(planId: string): Promise<Version[]> {
    return this.sql.listVersions.all(planId).map(versionOf)
  }

  async getVersion(id: string): Promise<Version | null> {
    const row = this.sql.getVersion.get(id)
    return row === undefined ? null : versionOf(row)
  }

  async saveRound(round: Round): Promise<void> {
    this.sql.saveRound.run({ id: round.id, plan: round.planId, body: JSON.stringify(Round.parse(round)), createdAt: round.openedAt })
  }

  async listRounds(planId: string): Promise<Round[]> {
    return this.sql.listRounds.all(planId).map(roundOf)
  }

  async getRound(id: string): Promise<Round | null> {
    const row = this.sql.getRound.get(id)
    return row === undefined ? null : roundOf(row)
  }

  async closeRound(closed: Round): Promise<boolean> {
    return this.sql.closeRound.run({ id: closed.id, body: JSON.stringify(Round.parse(closed)) }).changes > 0
  }

  async saveJoinCode(record: JoinCodeRecord): Promise<void> {
    this.sql.saveJoinCode.run(JoinCodeRecord.parse(record))
  }

  async joinCode(code: string): Promise<JoinCodeRecord | null> {
    const row = this.sql.joinCode.get(code)
    return row === undefined ? null : JoinCodeRecord.parse(row)
  }

  async currentJoinCode(planId: string, workshopId: string, now: number): Promise<JoinCodeRecord | null> {
    const row = this.sql.currentJoinCode.get(planId, workshopId, now)
    return row === undefined ? null : JoinCodeRecord.parse(row)
  }

  private headOf(room: string): Head {
    let head = this.heads.get(room)
    if (!head) {
      const row = this.sql.head.get(room) as { seq: number; hash: Buffer } | undefined
      head = row ? { seq: row.seq, hash: bytes(row.hash) } : { seq: 0, hash: GENESIS }
      this.heads.set(room, head)
    }
    return head
  }

  /** Logs written before the chain existed get it once, in their order, so every room verifies from its first update. */
  private chainUnchained(): void {
    const rooms = (this.sql.unchainedRooms.all() as { room: string }[]).map((r) => r.room)
    this.db.transaction(() => {
      for (const room of rooms) {
        let previous = GENESIS
        for (const row of this.sql.roomLinks.all(room) as { seq: number; at: number; author: string | null; bytes: Buffer }[]) {
          previous = sha256(linkBytes(room, previous, { seq: row.seq, at: row.at, author: row.author, update: bytes(row.bytes) }))
          this.sql.setHash.run(previous, room, row.seq)
        }
      }
    })()
  }

  /** This connection is the file's only writer: `known` is what is stored, and a later seq always replaces it. */
  async checkpoint(room: string, checkpoint: Checkpoint, seq: number, known: number): Promise<{ stored: number; wrote: boolean }> {
    const { state, stateVector, deletes, meta, metaItems } = checkpoint
    const { changes } = this.sql.upsertCheckpoint.run({ room, seq, at: Date.now(), state, stateVector, deletes, meta: JSON.stringify({ meta, metaItems }) })
    return { stored: Math.max(seq, known), wrote: changes > 0 }
  }

  async touchPlan(id: string, updatedAt: number): Promise<void> {
    this.sql.touchPlan.run({ id, updatedAt })
  }

  async savePlan(summary: PlanSummary): Promise<void> {
    this.sql.savePlan.run({ ...summary, deleted: summary.deleted ? 1 : 0 })
  }

  async listPlans(): Promise<PlanSummary[]> {
    const rows = this.sql.listPlans.all() as (Omit<PlanSummary, 'deleted'> & { deleted: number })[]
    return rows.map((r) => ({ ...r, deleted: r.deleted === 1 }))
  }

  readonly place: LogPlace = { kind: 'sqlite', file: SQLITE_FILE }

  /**
   * The last seq of the plan and its discussion, and a mark of its descriptions' range of the
   * room index; names change only through this process, which counts the renames itself.
   */
  async historyMark(planId: string): Promise<string> {
    const lastSeq = (room: string) => (this.sql.lastSeq.get(room) as { seq: number | null }).seq ?? 0
    const prefix = noteRoom(planId, '')
    const { n, at } = this.sql.notesMark.get(prefix, prefix) as { n: number; at: number | null }
    return `${lastSeq(planRoom(planId))}.${lastSeq(discussionRoom(planId))}.${n}.${at ?? 0}`
  }

  async readLog(room: string): Promise<LoggedUpdate[]> {
    const rows = this.sql.log.all(room) as { seq: number; at: number; author: string | null; bytes: Buffer; hash: Buffer }[]
    return rows.map((r) => ({ seq: r.seq, at: r.at, author: r.author, update: bytes(r.bytes), hash: bytes(r.hash) }))
  }

  async saveToken(record: TokenRecord): Promise<void> {
    this.sql.saveToken.run({ ...record, plan: scopeText(record.plan) })
  }

  async claimKeyCheck(check: string): Promise<string> {
    this.sql.claimSetting.run(KEY_CHECK, check)
    return (this.sql.setting.get(KEY_CHECK) as { value: string }).value
  }

  async getToken(id: string): Promise<TokenRecord | null> {
    const row = this.sql.getToken.get(id)
    return row === undefined ? null : TokenRow.parse(row)
  }

  async revokeToken(id: string, at: number): Promise<boolean> {
    if (!(await this.getToken(id))) return false
    this.sql.revokeToken.run(at, id)
    return true
  }

  async renameToken(id: string, name: string, org: string): Promise<void> {
    this.sql.renameToken.run(name, org, id)
  }

  async listTokens(plan: string): Promise<TokenRecord[]> {
    return this.sql.listTokens.all(plan).map((row) => TokenRow.parse(row))
  }

  async listCoordinatorTokens(): Promise<TokenRecord[]> {
    return this.sql.listCoordinatorTokens.all().map((row) => TokenRow.parse(row))
  }

  async close(): Promise<void> {
    // Stopped first: the last connection to close copies the whole WAL back itself.
    await this.checkpointer.terminate()
    this.db.close()
  }
}
