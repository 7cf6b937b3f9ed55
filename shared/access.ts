import { z } from 'zod'
import type { Room } from './rooms.js'

/**
 * Who may do what in a plan. A plan is shared between organizations that do not fully
 * trust each other: the server enforces these rules on every write, and the UI reads the
 * same rules to disable what a person may not do.
 */
export const ROLES = ['owner', 'editor', 'commenter', 'viewer'] as const
export const Role = z.enum(ROLES)
export type Role = z.infer<typeof Role>

/** `*` is the local administrator's plan claim: every plan on this server, from loopback only. */
export const ANY_PLAN = '*'

export const mayWrite = (role: Role, room: Room['kind']): boolean => {
  switch (role) {
    case 'owner':
    case 'editor':
      return true
    case 'commenter':
      return room === 'discussion'
    case 'viewer':
      return false
  }
}

export const mayManageInvites = (role: Role): boolean => role === 'owner'

/** What the server tells a client about the token it holds. */
export const Identity = z.object({
  tokenId: z.string().min(1),
  plan: z.string().min(1),
  role: Role,
  name: z.string().trim().min(1).max(120),
  org: z.string().max(200),
  expiresAt: z.number().int(),
})
export type Identity = z.infer<typeof Identity>
