import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { PlanScope, Role } from '../../../shared/index.js'
import { formatDate } from '../../format.js'

export const Invite = z.object({ id: z.string(), plan: PlanScope, role: Role, name: z.string(), org: z.string(), expiresAt: z.number(), revokedAt: z.number().nullable() })
export type Invite = z.infer<typeof Invite>
export const Invites = z.object({ invites: z.array(Invite) })
export const Created = z.object({ token: z.string(), identity: z.object({ name: z.string(), role: Role }) })
export const Failure = z.object({ error: z.string() })

/** Who holds which invite, with what it covers, and a way to revoke each that still works. */
export const InviteList = ({ invites, onRevoke, covers }: { invites: Invite[]; onRevoke: (id: string) => void; covers?: (invite: Invite) => ReactNode }) => {
  const { t, i18n } = useTranslation()
  if (invites.length === 0) return <p className="muted">{t('access.none')}</p>
  return (
    <ul className="stakeholder-list">
      {invites.map((invite) => (
        <li key={invite.id} className="invite-row">
          <strong>{invite.name}</strong> <span>{invite.org}</span> <span className="badge">{t(`access.role_${invite.role}`)}</span>
          {covers?.(invite)}{' '}
          <span className="muted">{invite.revokedAt ? t('access.revoked') : t('access.expires', { when: formatDate(invite.expiresAt, i18n.language) })}</span>
          {!invite.revokedAt && (
            <button type="button" className="danger" onClick={() => onRevoke(invite.id)} aria-label={t('access.revokeLabel', { name: invite.name })}>
              {t('access.revoke')}
            </button>
          )}
        </li>
      ))}
    </ul>
  )
}
