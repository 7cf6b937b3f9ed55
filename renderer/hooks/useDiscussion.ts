import { useSyncExternalStore } from 'react'
import { discussionRoom, readDiscussion, type DiscussionView } from '../../shared/index.js'
import type { DocSession } from '../sync/docSession.js'
import { useRoomSession } from './useRoomSession.js'

const views = new WeakMap<DocSession, { version: number; view: DiscussionView }>()
let version = 0

/** The plan's discussion doc (comments and verdicts), held while the component is mounted. */
export const useDiscussion = (planId: string): { session: DocSession; discussion: DiscussionView; refused: string | null } => {
  const { session, refused } = useRoomSession(discussionRoom(planId))
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
  const cachedView = views.get(session)
  if (cachedView && cachedView.version === stamp) return { session, discussion: cachedView.view, refused }
  const view = readDiscussion(session.doc)
  views.set(session, { version: stamp, view })
  return { session, discussion: view, refused }
}
