import * as Y from 'yjs'
import { DocSession } from './docSession.js'
import { localDb } from './localDb.js'
import { RoomName } from '../../shared/index.js'
import { serverUrl } from './serverUrl.js'
import { tokenForPlan } from './tokens.js'

interface Held {
  session: DocSession
  holds: number
  closeTimer: ReturnType<typeof setTimeout> | null
  /** The server's reason for the last change it refused here, until the person dismisses it. */
  refused: string | null
}

/** Sessions stay open briefly after the last view lets go, so switching views does not reconnect. */
const LINGER_MS = 10_000
const held = new Map<string, Held>()
const listeners = new Map<string, Set<() => void>>()

const notify = (room: string): void => listeners.get(room)?.forEach((l) => l())

const open = (room: string): DocSession => new DocSession(localDb(), serverUrl(), room, tokenForPlan(RoomName.parse(room).planId), true, (session, reason) => void rollBack(room, session, reason))

/**
 * The server refused a change of this device. It was never stored or shown to anyone, and
 * every later change of this copy depends on it, so the copy is set aside (kept for export)
 * and the room starts again from what the server holds.
 */
const rollBack = async (room: string, refused: DocSession, reason: string): Promise<void> => {
  const entry = held.get(room)
  if (!entry || entry.session !== refused) return
  const db = localDb()
  await refused.flushed()
  const copy = Y.encodeStateAsUpdate(refused.doc)
  refused.destroy()
  await db.transaction('rw', db.updates, db.setAside, async () => {
    await db.setAside.add({ room, update: copy, reason, at: Date.now() })
    await db.updates.where('room').equals(room).delete()
  })
  entry.session = open(room)
  entry.refused = reason
  notify(room)
}

export const acquireSession = (room: string): DocSession => {
  let entry = held.get(room)
  if (!entry) {
    entry = { session: open(room), holds: 0, closeTimer: null, refused: null }
    held.set(room, entry)
  }
  entry.holds++
  if (entry.closeTimer) clearTimeout(entry.closeTimer)
  entry.closeTimer = null
  return entry.session
}

export const releaseSession = (room: string): void => {
  const entry = held.get(room)
  if (!entry) return
  entry.holds--
  if (entry.holds > 0) return
  entry.closeTimer = setTimeout(() => {
    held.delete(room)
    void entry.session.flushed().finally(() => entry.session.destroy())
  }, LINGER_MS)
}

/** The room's session now (a refused change replaces it) and the refusal to explain, for `useSyncExternalStore`. */
export const currentSession = (room: string): Held | undefined => held.get(room)

export const subscribeSession = (room: string, listener: () => void): (() => void) => {
  const set = listeners.get(room) ?? new Set()
  set.add(listener)
  listeners.set(room, set)
  return () => set.delete(listener)
}

export const dismissRefusal = (room: string): void => {
  const entry = held.get(room)
  if (!entry?.refused) return
  entry.refused = null
  notify(room)
}

/** Resolves when every open session has written its edits to IndexedDB. */
export const flushAllSessions = async (): Promise<void> => {
  await Promise.all([...held.values()].map((e) => e.session.flushed()))
}
