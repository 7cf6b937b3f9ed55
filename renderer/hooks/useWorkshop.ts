import { readWorkshop, workshopRoom, type WorkshopView } from '../../shared/index.js'
import type { DocSession } from '../sync/docSession.js'
import { useDocView } from './useDocView.js'
import { useRoomSession } from './useRoomSession.js'

/** A workshop session's doc (its setup, cards and votes), held while the component is mounted. */
export const useWorkshop = (planId: string, workshopId: string): { session: DocSession; workshop: WorkshopView; refused: string | null } => {
  const { session, refused } = useRoomSession(workshopRoom(planId, workshopId))
  return { session, workshop: useDocView(session.doc, readWorkshop), refused }
}
