import { useCallback, useEffect, useState } from 'react'
import { z } from 'zod'
import { Round } from '../../shared/index.js'
import { authorizedFetch } from './useIdentity.js'

const Rounds = z.object({ rounds: z.array(Round) })

/** How often open rounds are asked for again, so that one opened or closed elsewhere shows. */
const RELIST_MS = 30_000

/** The plan's review rounds, newest first; null until the server answers (or when it cannot). */
export const useRounds = (planId: string): { rounds: Round[] | null; reload: () => Promise<void> } => {
  const [rounds, setRounds] = useState<Round[] | null>(null)
  const reload = useCallback(async () => {
    const res = await authorizedFetch(planId, `/api/plans/${planId}/rounds`).catch(() => null)
    const parsed = Rounds.safeParse(await res?.json().catch(() => null))
    setRounds((before) => (parsed.success ? parsed.data.rounds : before))
  }, [planId])
  useEffect(() => {
    void reload()
    const timer = setInterval(() => void reload(), RELIST_MS)
    window.addEventListener('online', reload)
    return () => {
      clearInterval(timer)
      window.removeEventListener('online', reload)
    }
  }, [reload])
  return { rounds, reload }
}
