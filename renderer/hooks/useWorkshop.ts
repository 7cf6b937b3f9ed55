import { useSyncExternalStore } from 'react'
import { readWorkshop, workshopRoom, type WorkshopView } from '../../shared/index.js'
import type { DocSession } from '../sync/docSession.js'
import { useRoomSession } from './useRoomSession.js'

const views = new WeakMap<DocSession, { version: number; view: WorkshopView }>()
let version = 0

/** A workshop session's doc (its setup, cards and votes), held while the component is mounted. */
export const useWorkshop = (planId: string, workshopId: string): { session: DocSession; workshop: WorkshopView; refused: string | null } => {
  const { session, refused } = useRoomSession(workshopRoom(planId, workshopId))
  const stamp = useSyncExternalStore(
    (listener) => {
      const onUpdate = () => {
        version++
        listener()
      }
      session.doc.on('update', onUpdate)
      return () => session.doc.off('update', onUpdate)
    },
    () => version,
  )
  const cached = views.get(session)
  if (cached && cached.version === stamp) return { session, workshop: cached.view, refused }
  const view = readWorkshop(session.doc)
  views.set(session, { version: stamp, view })
  return { session, workshop: view, refused }
}
