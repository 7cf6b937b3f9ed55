import { z } from 'zod'
import { ANY_PLAN, Role } from '../../shared/index.js'

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

const Claims = z.object({ plan: z.string(), role: Role })

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

/** The token this device holds for a plan: an invite for it, else the local owner's token for every plan. */
export const tokenForPlan = (planId: string): string | null => {
  const tokens = read()
  return tokens[planId] ?? tokens[ANY_PLAN] ?? null
}

export const hasAnyPlanToken = (): boolean => ANY_PLAN in read()

export const saveToken = (token: string): string | null => {
  const plan = claimsOf(token)?.plan ?? null
  if (!plan) return null
  localStorage.setItem(KEY, JSON.stringify({ ...read(), [plan]: token }))
  return plan
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
