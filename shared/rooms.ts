import { z } from 'zod'

/**
 * Room names are the URL path after the host. One plan owns four kinds of room: the plan
 * itself, its discussion, one per rich-text note, and one per workshop session.
 */
const idPattern = '[A-Za-z0-9_-]{1,64}'
const roomPattern = new RegExp(`^plan/(${idPattern})(?:/discussion|/note/(${idPattern})|/workshop/(${idPattern}))?$`)

export type Room =
  | { kind: 'plan'; planId: string; name: string }
  | { kind: 'discussion'; planId: string; name: string }
  | { kind: 'note'; planId: string; noteId: string; name: string }
  | { kind: 'workshop'; planId: string; workshopId: string; name: string }

export const RoomName = z
  .string()
  .regex(roomPattern, 'room must be plan/<id>, plan/<id>/discussion, plan/<id>/note/<id> or plan/<id>/workshop/<id>, ids of 1-64 letters, digits, _ or -')
  .transform((name): Room => {
    const [, planId = '', noteId, workshopId] = roomPattern.exec(name) ?? []
    if (noteId !== undefined) return { kind: 'note', planId, noteId, name }
    if (workshopId !== undefined) return { kind: 'workshop', planId, workshopId, name }
    if (name.endsWith('/discussion')) return { kind: 'discussion', planId, name }
    return { kind: 'plan', planId, name }
  })

export const planRoom = (planId: string): string => `plan/${planId}`
export const discussionRoom = (planId: string): string => `plan/${planId}/discussion`
export const noteRoom = (planId: string, noteId: string): string => `plan/${planId}/note/${noteId}`
export const workshopRoom = (planId: string, workshopId: string): string => `plan/${planId}/workshop/${workshopId}`
