import type * as Y from 'yjs'
import { planRoom } from '../../shared/index.js'
import { acquireSession, releaseSession } from './sessions.js'

/** How long an action on a plan this device has never opened waits for the server's copy. */
const SYNC_WAIT_MS = 5_000

/**
 * Runs a command on a plan's doc from outside its views (rename or delete from the plan
 * list): opens the local copy, waits for the server when the plan is not on this device,
 * and returns once the edit is in IndexedDB.
 */
export const withPlanDoc = async <T>(planId: string, run: (doc: Y.Doc) => T): Promise<T> => {
  const room = planRoom(planId)
  const session = acquireSession(room)
  try {
    await session.ready
    if (!session.doc.getMap('meta').has('schema')) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, SYNC_WAIT_MS)
        session.provider.once('sync', () => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
    const result = run(session.doc)
    await session.flushed()
    return result
  } finally {
    releaseSession(room)
  }
}
