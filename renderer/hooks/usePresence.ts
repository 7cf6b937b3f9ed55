import { useEffect, useMemo, useSyncExternalStore } from 'react'
import { readPresence, type Presence } from '../../shared/index.js'
import type { DocSession } from '../sync/docSession.js'
import { useProfile } from './useProfile.js'

export interface Peer {
  clientId: number
  presence: Presence
}

/** Announces who this person is and which action they are viewing; returns everyone else in the plan. */
export const usePresence = (session: DocSession, viewing: string | null): Peer[] => {
  const { name, org, color } = useProfile()
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
