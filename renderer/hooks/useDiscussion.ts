import { discussionRoom, readDiscussion, type DiscussionView } from '../../shared/index.js'
import type { DocSession } from '../sync/docSession.js'
import { useDocView } from './useDocView.js'
import { useRoomSession } from './useRoomSession.js'

/** The plan's discussion doc (comments and verdicts), held while the component is mounted. */
export const useDiscussion = (planId: string): { session: DocSession; discussion: DiscussionView; refused: string | null } => {
  const { session, refused } = useRoomSession(discussionRoom(planId))
  return { session, discussion: useDocView(session.doc, readDiscussion), refused }
}
