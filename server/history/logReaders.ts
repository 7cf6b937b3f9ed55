import Database from 'better-sqlite3'
import { join } from 'node:path'
import pg from 'pg'
import type { LogPlace } from '../storage/HistoryLog.js'
import { bytes } from '../storage/columns.js'
import { pgTypes } from '../storage/pgTypes.js'

/** One logged update, as the history replays it. */
export interface LogRow {
  seq: number
  at: number
  author: string | null
  bytes: Uint8Array
}

/** What the history process reads from the log (never writes): the same questions of either store. */
export interface HistoryLogReader {
  /** The room's updates after `seq`, in order. */
  after(room: string, seq: number): Promise<LogRow[]>
  /** Rooms whose names start with `prefix` that have anything logged. */
  roomsUnder(prefix: string): Promise<string[]>
  /** The name and organization on record for an invite. */
  person(tokenId: string): Promise<{ name: string; org: string } | undefined>
  /** The chain hash of the room's update `seq`. */
  hashAt(room: string, seq: number): Promise<Uint8Array | undefined>
  close(): Promise<void>
}

/** The embedded log's file, opened read-only beside the server's own connection (WAL lets both read while it writes). */
const sqliteReader = (dataDir: string, file: string): HistoryLogReader => {
  const db = new Database(join(dataDir, file), { readonly: true, fileMustExist: true })
  const after = db.prepare('SELECT seq, at, author, bytes FROM updates WHERE room = ? AND seq > ? ORDER BY seq')
  const rooms = db.prepare("SELECT DISTINCT room FROM updates WHERE room > ? AND room < ? || '~'").pluck()
  const person = db.prepare('SELECT name, org FROM tokens WHERE id = ?')
  const hash = db.prepare('SELECT hash FROM updates WHERE room = ? AND seq = ?').pluck()
  return {
    after: async (room, seq) => (after.all(room, seq) as (Omit<LogRow, 'bytes'> & { bytes: Buffer })[]).map((r) => ({ ...r, bytes: bytes(r.bytes) })),
    roomsUnder: async (prefix) => rooms.all(prefix, prefix) as string[],
    person: async (id) => person.get(id) as { name: string; org: string } | undefined,
    hashAt: async (room, seq) => {
      const found = hash.get(room, seq) as Buffer | undefined
      return found && bytes(found)
    },
    close: async () => void db.close(),
  }
}

/** The shared log of a scaled-out deployment; one connection is enough, the process answers one job at a time. */
const postgresReader = (url: string): HistoryLogReader => {
  const pool = new pg.Pool({ connectionString: url, types: pgTypes, max: 1, application_name: 'jointplan-history' })
  // An idle connection that fails is replaced on next use; the job that needed it reports its own error.
  pool.on('error', () => undefined)
  return {
    after: async (room, seq) => {
      const result = await pool.query<Omit<LogRow, 'bytes'> & { bytes: Buffer }>('SELECT seq, at, author, bytes FROM updates WHERE room = $1 AND seq > $2 ORDER BY seq', [room, seq])
      return result.rows.map((r) => ({ ...r, bytes: bytes(r.bytes) }))
    },
    roomsUnder: async (prefix) => (await pool.query<{ room: string }>("SELECT room FROM heads WHERE room > $1 AND room < $1 || '~' AND seq > 0", [prefix])).rows.map((r) => r.room),
    person: async (id) => (await pool.query<{ name: string; org: string }>('SELECT name, org FROM tokens WHERE id = $1', [id])).rows[0],
    hashAt: async (room, seq) => {
      const found = (await pool.query<{ hash: Buffer }>('SELECT hash FROM updates WHERE room = $1 AND seq = $2', [room, seq])).rows[0]
      return found && bytes(found.hash)
    },
    close: () => pool.end(),
  }
}

export const openLogReader = (dataDir: string, place: LogPlace): HistoryLogReader =>
  place.kind === 'sqlite' ? sqliteReader(dataDir, place.file) : postgresReader(place.url)
