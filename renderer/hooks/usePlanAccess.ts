import { createContext, useContext } from 'react'
import { isHost, mayGiveVerdict, mayManageInvites, mayWrite, type Identity } from '../../shared/index.js'

export interface PlanAccess {
  identity: Identity | null
  /** May change the plan itself (owner, editor). */
  canEdit: boolean
  /** May write the discussion (owner, editor, commenter, coordinator). */
  canComment: boolean
  /** May give their organization's verdict in a review (not a coordinator, who only follows the plan). */
  canGiveVerdict: boolean
  canManage: boolean
  /** Who this person is in comments and verdicts: the token's name, not a name typed on this device. */
  me: { name: string; org: string }
}

export const accessFor = (identity: Identity | null, fallback: { name: string; org: string }): PlanAccess => ({
  identity,
  canEdit: identity ? mayWrite(identity.role, 'plan') : false,
  canComment: identity ? mayWrite(identity.role, 'discussion') : false,
  canGiveVerdict: identity ? mayGiveVerdict(identity.role) : false,
  canManage: identity ? mayManageInvites(identity.role) : false,
  me: identity && !isHost(identity) ? { name: identity.name, org: identity.org } : fallback,
})

export const PlanAccessContext = createContext<PlanAccess>(accessFor(null, { name: '', org: '' }))
export const usePlanAccess = (): PlanAccess => useContext(PlanAccessContext)
