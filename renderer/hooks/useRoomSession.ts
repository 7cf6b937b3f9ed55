import { useEffect, useMemo, useSyncExternalStore } from 'react'
import type { DocSession } from '../sync/docSession.js'
import { acquireSession, currentSession, releaseSession, subscribeSession } from '../sync/sessions.js'

/**
 * Holds a room's doc session while the component is mounted. The session is replaced when
 * the server refuses a change (see `sessions.ts`); `refused` says why, until dismissed.
 */
export const useRoomSession = (room: string): { session: DocSession; refused: string | null } => {
  const first = useMemo(() => acquireSession(room), [room])
  useEffect(() => () => releaseSession(room), [room])
  const subscribe = useMemo(() => (listener: () => void) => subscribeSession(room, listener), [room])
  const session = useSyncExternalStore(subscribe, () => currentSession(room)?.session ?? first)
  const refused = useSyncExternalStore(subscribe, () => currentSession(room)?.refused ?? null)
  return { session, refused }
}
