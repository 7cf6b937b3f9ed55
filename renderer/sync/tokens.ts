import { z } from 'zod'
import { ANY_PLAN } from '../../shared/index.js'

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

/** The plan a token is for, read from its payload (the server checks the signature, not us). */
const planOf = (token: string): string | null => {
  try {
    const payload = JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as { plan?: unknown }
    return typeof payload.plan === 'string' ? payload.plan : null
  } catch {
    return null
  }
}

/** The token this device holds for a plan: an invite for it, else the local owner's token for every plan. */
export const tokenForPlan = (planId: string): string | null => {
  const tokens = read()
  return tokens[planId] ?? tokens[ANY_PLAN] ?? null
}

export const hasAnyPlanToken = (): boolean => ANY_PLAN in read()

export const saveToken = (token: string): string | null => {
  const plan = planOf(token)
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
