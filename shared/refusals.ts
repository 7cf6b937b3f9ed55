/**
 * Why the server refuses an invite, as it says it (on the wire, in English, for any stock
 * client) and as a key the app translates: one table, so the two cannot drift apart.
 */
export const REFUSALS = {
  required: 'an invite token is required',
  expired: 'this invite has expired',
  unknown: 'this invite is not known to this server',
  revoked: 'this invite has been revoked',
  loopback: 'this token works only on this computer',
  otherPlan: 'this invite is for another plan',
  forged: 'this invite is not valid (bad signature or altered)',
  malformed: 'this invite is not valid (malformed claims)',
} as const
export type Refusal = keyof typeof REFUSALS

/** The key of a reason the server gave, or null for a reason outside this table (shown as it came). */
export const refusalOf = (reason: string): Refusal | null =>
  (Object.keys(REFUSALS) as Refusal[]).find((key) => REFUSALS[key] === reason) ?? null
