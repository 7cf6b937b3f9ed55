import { useEffect, useState } from 'react'
import { z } from 'zod'
import { Identity } from '../../shared/index.js'
import { httpUrl } from '../sync/serverUrl.js'
import { tokenForPlan } from '../sync/tokens.js'

export type IdentityState =
  | { state: 'checking'; identity: Identity | null }
  | { state: 'known'; identity: Identity }
  | { state: 'refused'; reason: string }
  | { state: 'no-token' }

const CACHE = 'jointplan.identity.'
const ErrorBody = z.object({ error: z.string() })

const cached = (planId: string): Identity | null => {
  try {
    const parsed = Identity.safeParse(JSON.parse(localStorage.getItem(CACHE + planId) ?? 'null'))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/**
 * Who this person is in a plan, as the server reads their token. Offline, the last answer
 * is used, so a delegate keeps their role on the train; the server still decides on sync.
 */
export const useIdentity = (planId: string): IdentityState => {
  const token = tokenForPlan(planId)
  const [state, setState] = useState<IdentityState>(() => (token ? { state: 'checking', identity: cached(planId) } : { state: 'no-token' }))
  useEffect(() => {
    if (!token) return setState({ state: 'no-token' })
    const abort = new AbortController()
    fetch(httpUrl(`/api/me?plan=${encodeURIComponent(planId)}`), { headers: { authorization: `Bearer ${token}` }, signal: abort.signal })
      .then(async (res) => {
        const body: unknown = await res.json()
        if (res.ok) {
          const identity = Identity.parse(body)
          localStorage.setItem(CACHE + planId, JSON.stringify(identity))
          setState({ state: 'known', identity })
        } else {
          localStorage.removeItem(CACHE + planId)
          setState({ state: 'refused', reason: ErrorBody.safeParse(body).data?.error ?? `HTTP ${res.status}` })
        }
      })
      .catch(() => {
        if (!abort.signal.aborted) setState({ state: 'checking', identity: cached(planId) })
      })
    return () => abort.abort()
  }, [planId, token])
  return state
}

export const authorizedFetch = (planId: string, path: string, init: RequestInit = {}): Promise<Response> =>
  fetch(httpUrl(path), { ...init, headers: { ...(init.headers ?? {}), authorization: `Bearer ${tokenForPlan(planId) ?? ''}`, 'content-type': 'application/json' } })
