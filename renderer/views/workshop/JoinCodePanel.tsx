import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { JoinCodeRecord } from '../../../shared/index.js'
import { authorizedFetch } from '../../hooks/useIdentity.js'
import { usePlanAccess } from '../../hooks/usePlanAccess.js'
import { useShareOrigin } from '../../sync/shareOrigin.js'

const Answer = z.object({ joinCode: JoinCodeRecord.nullable() })

/** The address a room's phones open: `/j/CODE` on this server, at the address the room reaches it by. */
export const joinAddress = (origin: string, code: string): string => `${origin}/j/${code}`

/** The session's current join code, if any; an owner can make one. */
export const useJoinCode = (planId: string, workshopId: string): { code: JoinCodeRecord | null; make: (role: 'commenter' | 'viewer') => Promise<void> } => {
  const [code, setCode] = useState<JoinCodeRecord | null>(null)
  const path = `/api/plans/${planId}/workshops/${workshopId}/join-code`
  useEffect(() => {
    let live = true
    void authorizedFetch(planId, path)
      .then((res) => res.json())
      .then((body: unknown) => live && setCode(Answer.safeParse(body).data?.joinCode ?? null))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [planId, path])
  const make = async (role: 'commenter' | 'viewer') => {
    const res = await authorizedFetch(planId, path, { method: 'POST', body: JSON.stringify({ role }) })
    setCode(Answer.safeParse(await res.json()).data?.joinCode ?? null)
  }
  return { code, make }
}

/** For the facilitator: make the room's join code (participants post and vote, or only follow) and see it. */
export const JoinCodePanel = ({ planId, workshopId }: { planId: string; workshopId: string }) => {
  const { t } = useTranslation()
  const { canManage } = usePlanAccess()
  const { code, make } = useJoinCode(planId, workshopId)
  const origin = useShareOrigin()
  const [role, setRole] = useState<'commenter' | 'viewer'>('commenter')
  return (
    <div className="join-code">
      {code ? (
        <p>
          {t('workshop.joinAt')} <strong data-testid="join-address">{joinAddress(origin, code.code)}</strong>
        </p>
      ) : (
        <p className="muted">{t('workshop.noJoinCode')}</p>
      )}
      {canManage ? (
        <div className="row">
          <label className="field">
            <span>{t('workshop.participantRole')}</span>
            <select value={role} onChange={(e) => setRole(e.target.value === 'viewer' ? 'viewer' : 'commenter')}>
              <option value="commenter">{t('workshop.rolePost')}</option>
              <option value="viewer">{t('workshop.roleFollow')}</option>
            </select>
          </label>
          <button type="button" onClick={() => void make(role)}>{t(code ? 'workshop.newJoinCode' : 'workshop.makeJoinCode')}</button>
        </div>
      ) : (
        <p className="muted">{t('workshop.ownerMakesCode')}</p>
      )}
    </div>
  )
}
