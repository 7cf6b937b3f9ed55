import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useState } from 'react'
import { z } from 'zod'
import { localDb } from '../../sync/localDb.js'
import { httpUrl } from '../../sync/serverUrl.js'
import { manyPlansToken } from '../../sync/tokens.js'

export interface ListedPlan {
  id: string
  title: string
  updatedAt: number
  local: boolean
  remote: boolean
}

const ServerPlans = z.object({ plans: z.array(z.object({ id: z.string(), title: z.string(), updatedAt: z.number() })) })

/** Plans created elsewhere appear without a reload: the list is asked for again this often, and on coming back online. */
const RELIST_MS = 30_000

/** Plans on this device and on the server, merged by id; the server list is skipped when offline. */
export const usePlanList = (): { plans: ListedPlan[]; refresh: () => void } => {
  const local = useLiveQuery(() => localDb().plans.orderBy('openedAt').reverse().toArray(), [], [])
  const [remote, setRemote] = useState<z.infer<typeof ServerPlans>['plans']>([])
  const [version, setVersion] = useState(0)
  useEffect(() => {
    const relist = () => setVersion((v) => v + 1)
    const timer = setInterval(relist, RELIST_MS)
    window.addEventListener('online', relist)
    return () => {
      clearInterval(timer)
      window.removeEventListener('online', relist)
    }
  }, [])
  useEffect(() => {
    const abort = new AbortController()
    // A token for several plans (the host's, a coordinator's) lists the server's plans it
    // covers; an invite for one plan shows that plan from this device.
    const token = manyPlansToken()
    if (!token) return
    fetch(httpUrl('/api/plans'), { signal: abort.signal, headers: { authorization: `Bearer ${token}` } })
      .then((res) => res.json())
      .then((body: unknown) => {
        const parsed = ServerPlans.safeParse(body)
        // The same list again keeps the same state, so views across plans do not redraw for nothing.
        if (parsed.success) setRemote((before) => (JSON.stringify(before) === JSON.stringify(parsed.data.plans) ? before : parsed.data.plans))
      })
      .catch(() => undefined)
    return () => abort.abort()
  }, [version])

  const byId = new Map<string, ListedPlan>()
  for (const p of remote) byId.set(p.id, { id: p.id, title: p.title, updatedAt: p.updatedAt, local: false, remote: true })
  for (const p of local) {
    const known = byId.get(p.id)
    byId.set(p.id, { id: p.id, title: p.title || known?.title || p.id, updatedAt: Math.max(p.openedAt, known?.updatedAt ?? 0), local: true, remote: !!known })
  }
  const plans = [...byId.values()].sort((a, b) => b.updatedAt - a.updatedAt)
  return { plans, refresh: () => setVersion((v) => v + 1) }
}
