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

/** The longest an invite may be valid: a year, so that a forgotten link does not open a plan for good. */
export const MAX_DAYS = 365

/** What an owner asks for when inviting someone: checked in the form as on the server. */
export const InviteInput = z
  .object({
    role: Role,
    name: z.string().trim().min(1, 'a name is required').max(120),
    org: z.string().trim().max(200).default(''),
    days: z.number().positive().max(MAX_DAYS, `an invite is valid for at most ${MAX_DAYS} days`).default(30),
  })
  .strict()
export type InviteInput = z.input<typeof InviteInput>

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
