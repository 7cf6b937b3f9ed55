import { DocSession } from './docSession.js'
import { localDb } from './localDb.js'
import { RoomName } from '../../shared/index.js'
import { serverUrl } from './serverUrl.js'
import { tokenForPlan } from './tokens.js'

interface Held {
  session: DocSession
  holds: number
  closeTimer: ReturnType<typeof setTimeout> | null
}

/** Sessions stay open briefly after the last view lets go, so switching views does not reconnect. */
const LINGER_MS = 10_000
const held = new Map<string, Held>()

export const acquireSession = (room: string): DocSession => {
  let entry = held.get(room)
  if (!entry) {
    entry = { session: new DocSession(localDb(), serverUrl(), room, tokenForPlan(RoomName.parse(room).planId)), holds: 0, closeTimer: null }
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

/** Resolves when every open session has written its edits to IndexedDB. */
export const flushAllSessions = async (): Promise<void> => {
  await Promise.all([...held.values()].map((e) => e.session.flushed()))
}
