import { useSyncExternalStore } from 'react'
import { PlanReader, planRoom, type PlanView } from '../../shared/index.js'
import type { DocSession, SyncStatus } from '../sync/docSession.js'
import { useRoomSession } from './useRoomSession.js'

const readers = new WeakMap<DocSession, PlanReader>()
const readerOf = (session: DocSession): PlanReader => {
  let reader = readers.get(session)
  if (!reader) readers.set(session, (reader = new PlanReader(session.doc)))
  return reader
}

/** Holds the plan's doc session while the component is mounted, and says why the server refused a change. */
export const usePlanSession = (planId: string): { session: DocSession; refused: string | null } => useRoomSession(planRoom(planId))

/** The plan as read through its schemas; re-renders only when the doc changes. */
export const usePlan = (session: DocSession): PlanView => {
  const reader = readerOf(session)
  return useSyncExternalStore(
    (listener) => reader.subscribe(listener),
    () => reader.read(),
  )
}

export const useSyncStatus = (session: DocSession): SyncStatus => useSyncExternalStore(session.subscribe, session.getStatus)
