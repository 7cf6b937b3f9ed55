import { z } from 'zod'
import type { Room } from './rooms.js'
import { Id } from './schema.js'

/**
 * Who may do what in a plan. A plan is shared between organizations that do not fully
 * trust each other: the server enforces these rules on every write, and the UI reads the
 * same rules to disable what a person may not do.
 */
export const PLAN_ROLES = ['owner', 'editor', 'commenter', 'viewer'] as const
/**
 * A coordinator (ILO, JICA) follows several plans or every plan on a server: reads them,
 * comments and exports, but neither edits a plan nor gives an organization's verdict.
 */
export const ROLES = [...PLAN_ROLES, 'coordinator'] as const
export const Role = z.enum(ROLES)
export type Role = z.infer<typeof Role>
export const PlanRole = z.enum(PLAN_ROLES)

/** Every plan on this server: the host's claim (the local owner, from loopback only) and a coordinator's. */
export const ANY_PLAN = '*'

/** The most plans one coordinator invite lists by name; beyond that, an invite for every plan fits better. */
export const MAX_LISTED_PLANS = 200

/** The plans a token opens: one plan, a coordinator's list of plans, or every plan on the server. */
export const PlanScope = z.union([Id, z.literal(ANY_PLAN), z.array(Id).min(1, 'choose at least one plan').max(MAX_LISTED_PLANS)])
export type PlanScope = z.infer<typeof PlanScope>

export const covers = (scope: PlanScope, planId: string): boolean =>
  scope === ANY_PLAN || scope === planId || (Array.isArray(scope) && scope.includes(planId))

export const mayWrite = (role: Role, room: Room['kind']): boolean => {
  switch (role) {
    case 'owner':
    case 'editor':
      return true
    case 'commenter':
      // A workshop participant posts cards and votes; the workshop's guard checks each write.
      return room === 'discussion' || room === 'workshop'
    case 'coordinator':
      return room === 'discussion'
    case 'viewer':
      return false
  }
}

export const mayManageInvites = (role: Role): boolean => role === 'owner'

/** A verdict speaks for an organization that is party to the plan; a coordinator only follows it. */
export const mayGiveVerdict = (role: Role): boolean => role !== 'viewer' && role !== 'coordinator'

/** The longest an invite may be valid: a year, so that a forgotten link does not open a plan for good. */
export const MAX_DAYS = 365

/** What an owner asks for when inviting someone: checked in the form as on the server. */
export const InviteInput = z
  .object({
    role: PlanRole,
    name: z.string().trim().min(1, 'a name is required').max(120),
    org: z.string().trim().max(200).default(''),
    days: z.number().positive().max(MAX_DAYS, `an invite is valid for at most ${MAX_DAYS} days`).default(30),
  })
  .strict()
export type InviteInput = z.input<typeof InviteInput>

/** What the host asks for when inviting a coordinator: the plans it covers instead of a role. */
export const CoordinatorInviteInput = InviteInput.omit({ role: true })
  .extend({ plans: z.union([z.literal(ANY_PLAN), z.array(Id).min(1, 'choose at least one plan').max(MAX_LISTED_PLANS)]) })
  .strict()
export type CoordinatorInviteInput = z.input<typeof CoordinatorInviteInput>

/** What the server tells a client about the token it holds. */
export const Identity = z.object({
  tokenId: z.string().min(1),
  plan: PlanScope,
  role: Role,
  name: z.string().trim().min(1).max(120),
  org: z.string().max(200),
  expiresAt: z.number().int(),
})
export type Identity = z.infer<typeof Identity>

/** The host holds the owner's token for every plan: they create plans and name themselves. */
export const isHost = (identity: Pick<Identity, 'plan' | 'role'>): boolean => identity.plan === ANY_PLAN && identity.role === 'owner'
