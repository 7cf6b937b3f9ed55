import { useEffect, useMemo, useSyncExternalStore } from 'react'
import { colorFor, readPresence, type Presence } from '../../shared/index.js'
import type { DocSession } from '../sync/docSession.js'

export interface Peer {
  clientId: number
  presence: Presence
}

/**
 * Announces who this person is (their invite's name, or their own for the local owner) and
 * which action they are viewing; returns everyone else in the plan.
 */
export const usePresence = (session: DocSession, viewing: string | null, me: { name: string; org: string }): Peer[] => {
  const { name, org } = me
  const color = colorFor(name + org)
  const awareness = session.provider.awareness
  useEffect(() => {
    awareness.setLocalStateField('user', { name, org, color })
  }, [awareness, name, org, color])
  useEffect(() => {
    awareness.setLocalStateField('viewing', viewing)
  }, [awareness, viewing])

  const version = useSyncExternalStore(
    (listener) => {
      awareness.on('change', listener)
      return () => awareness.off('change', listener)
    },
    () => awareness.getStates().size + ':' + [...awareness.getStates().values()].map((s) => JSON.stringify(s)).join('|'),
  )
  return useMemo(() => readPresence(awareness.getStates(), awareness.clientID), [awareness, version])
}
