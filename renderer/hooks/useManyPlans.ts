import { useEffect, useMemo, useState } from 'react'
import { PlanReader, planRoom, type PlanView } from '../../shared/index.js'
import { acquireSession, releaseSession } from '../sync/sessions.js'

/**
 * Several plans at once (for views across plans): each doc session is held while the
 * component is mounted, and the views re-read when any of them changes (once a frame at most).
 */
export const useManyPlans = (planIds: readonly string[]): { planId: string; plan: PlanView }[] => {
  const key = [...planIds].sort().join(' ')
  const readers = useMemo(
    () => (key ? key.split(' ') : []).map((planId) => ({ planId, reader: new PlanReader(acquireSession(planRoom(planId)).doc) })),
    [key],
  )
  const [, setVersion] = useState(0)
  useEffect(() => {
    // Plans arriving together (a first visit syncs them all at once) are drawn once a frame, not once each.
    let frame = 0
    const changed = () => {
      frame ||= requestAnimationFrame(() => {
        frame = 0
        setVersion((v) => v + 1)
      })
    }
    const unsubscribe = readers.map(({ reader }) => reader.subscribe(changed))
    return () => {
      cancelAnimationFrame(frame)
      unsubscribe.forEach((stop) => stop())
      readers.forEach(({ planId }) => releaseSession(planRoom(planId)))
    }
  }, [readers])
  return readers.map(({ planId, reader }) => ({ planId, plan: reader.read() })).filter(({ plan }) => !plan.meta.deleted && !plan.meta.invalid.some((issue) => issue.path === 'schema'))
}
