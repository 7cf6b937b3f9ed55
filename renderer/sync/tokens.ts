import { z } from 'zod'
import { ANY_PLAN, PlanScope, Role } from '../../shared/index.js'

const KEY = 'jointplan.tokens'
const Tokens = z.record(z.string(), z.string())

const read = (): Record<string, string> => {
  try {
    const parsed = Tokens.safeParse(JSON.parse(localStorage.getItem(KEY) ?? '{}'))
    return parsed.success ? parsed.data : {}
  } catch {
    return {}
  }
}

const Claims = z.object({ plan: PlanScope, role: Role })

/** What a token says of itself (the server checks the signature, not us): enough to offer only what its role may do. */
const claimsOf = (token: string): z.infer<typeof Claims> | null => {
  try {
    const parsed = Claims.safeParse(JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** The role this device's token for a plan claims, or null without one. */
export const roleForPlan = (planId: string): Role | null => {
  const token = tokenForPlan(planId)
  return token ? (claimsOf(token)?.role ?? null) : null
}

/**
 * The token this device holds for a plan: an invite for it, else the token for several
 * plans (the host's, or a coordinator's; the server refuses it for a plan it does not cover).
 */
export const tokenForPlan = (planId: string): string | null => {
  const tokens = read()
  return tokens[planId] ?? tokens[ANY_PLAN] ?? null
}

/** The token for several plans, which lists the server's plans: the host's or a coordinator's. */
export const manyPlansToken = (): string | null => read()[ANY_PLAN] ?? null

const hostClaims = (token: string | null): boolean => {
  const claims = token ? claimsOf(token) : null
  return claims?.plan === ANY_PLAN && claims.role === 'owner'
}

/** Whether this device holds the host's token: only the host creates plans and invites coordinators. */
export const isHostDevice = (): boolean => hostClaims(manyPlansToken())

/**
 * Keeps a token under the plan it opens, or under `*` when it opens several. A host who
 * opens a coordinator link keeps their own token, which covers more. Returns the plan id
 * for a one-plan invite, `*` for a token of several plans, null for no token at all.
 */
export const saveToken = (token: string): string | null => {
  const plan = claimsOf(token)?.plan ?? null
  if (plan === null) return null
  const key = typeof plan === 'string' ? plan : ANY_PLAN
  if (key !== ANY_PLAN || !isHostDevice()) localStorage.setItem(KEY, JSON.stringify({ ...read(), [key]: token }))
  return key
}

/**
 * An invite link carries its token in the hash (`#/plan/<id>?token=…`; the local owner's
 * link is `#/?token=…`). Keep it on this device and take it out of the address bar, so it
 * does not end up in a screenshot or a shared link.
 */
export const captureTokenFromLocation = (): void => {
  const [path, query] = location.hash.split('?')
  const token = new URLSearchParams(query ?? '').get('token')
  if (!token) return
  saveToken(token)
  history.replaceState(null, '', `${location.pathname}${location.search}${path ?? '#/'}`)
}
