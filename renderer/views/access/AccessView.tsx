import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { InviteInput, Role, ROLES, toIssues } from '../../../shared/index.js'
import { LabeledSelect } from '../../components/LabeledSelect.js'
import { authorizedFetch } from '../../hooks/useIdentity.js'
import { useIssueText } from '../../hooks/useIssueText.js'
import { formatDate } from '../../format.js'

const Invite = z.object({ id: z.string(), role: Role, name: z.string(), org: z.string(), expiresAt: z.number(), revokedAt: z.number().nullable() })
const Invites = z.object({ invites: z.array(Invite) })
const Created = z.object({ token: z.string(), identity: z.object({ name: z.string(), role: Role }) })
const Failure = z.object({ error: z.string() })

/** For the owner: invite people with a role, see who holds which, revoke. */
export const AccessView = ({ planId }: { planId: string }) => {
  const { t, i18n } = useTranslation()
  const [invites, setInvites] = useState<z.infer<typeof Invite>[]>([])
  const [role, setRole] = useState<Role>('editor')
  const [name, setName] = useState('')
  const [org, setOrg] = useState('')
  const [days, setDays] = useState('30')
  const [error, setError] = useState<string | null>(null)
  const [created, setCreated] = useState<{ link: string; name: string; role: Role } | null>(null)
  const [copied, setCopied] = useState(false)
  const { issueText } = useIssueText()

  const load = useCallback(async () => {
    const res = await authorizedFetch(planId, `/api/plans/${planId}/invites`).catch(() => null)
    const parsed = Invites.safeParse(await res?.json().catch(() => null))
    if (parsed.success) setInvites(parsed.data.invites)
  }, [planId])
  useEffect(() => void load(), [load])

  const create = async () => {
    const input = InviteInput.safeParse({ role, name, org, days: Number(days) })
    if (!input.success) return setError(toIssues(input.error).map(issueText).join(' '))
    const res = await authorizedFetch(planId, `/api/plans/${planId}/invites`, { method: 'POST', body: JSON.stringify(input.data) })
    const body: unknown = await res.json()
    const ok = Created.safeParse(body)
    if (!res.ok || !ok.success) return setError(Failure.safeParse(body).data?.error ?? `HTTP ${res.status}`)
    setError(null)
    setCopied(false)
    setCreated({ link: `${location.origin}${location.pathname}#/plan/${planId}?token=${ok.data.token}`, name: ok.data.identity.name, role: ok.data.identity.role })
    setName('')
    setOrg('')
    await load()
  }

  const revoke = async (id: string) => {
    await authorizedFetch(planId, `/api/plans/${planId}/invites/${id}/revoke`, { method: 'POST' })
    await load()
  }

  return (
    <section className="access-view" aria-labelledby="access-heading">
      <h2 id="access-heading">{t('access.heading')}</h2>
      <form
        className="card-panel add-stakeholder"
        aria-label={t('access.invite')}
        // The browser's own bubbles speak the browser's language; the schema's rules are told in the app's.
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void create()
        }}
      >
        <LabeledSelect label={t('access.role')} value={role} onChange={(v) => setRole(v as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`access.role_${r}`)}
            </option>
          ))}
        </LabeledSelect>
        <label className="field grow">
          <span>{t('access.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field grow">
          <span>{t('access.org')}</span>
          <input value={org} onChange={(e) => setOrg(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('access.days')}</span>
          <input type="number" min={1} max={365} value={days} onChange={(e) => setDays(e.target.value)} size={5} />
        </label>
        <button type="submit" className="primary">
          {t('access.create')}
        </button>
        {error && <p className="field-error full" role="alert">{error}</p>}
      </form>
      {created && (
        <div className="card-panel invite-created" role="status">
          <label className="field">
            <span>{t('access.link', { name: created.name })}</span>
            <input readOnly value={created.link} onFocus={(e) => e.target.select()} data-testid="invite-link" />
          </label>
          <button
            type="button"
            onClick={() => void navigator.clipboard?.writeText(created.link).then(() => setCopied(true), () => undefined)}
          >
            {copied ? t('access.copied') : t('access.copyLink')}
          </button>
          <p className="muted">{t('access.linkHelp', { name: created.name, role: t(`access.role_${created.role}`) })}</p>
        </div>
      )}
      {invites.length === 0 ? (
        <p className="muted">{t('access.none')}</p>
      ) : (
        <ul className="stakeholder-list">
          {invites.map((invite) => (
            <li key={invite.id} className="invite-row">
              <strong>{invite.name}</strong> <span>{invite.org}</span> <span className="badge">{t(`access.role_${invite.role}`)}</span>{' '}
              <span className="muted">
                {invite.revokedAt ? t('access.revoked') : t('access.expires', { when: formatDate(invite.expiresAt, i18n.language) })}
              </span>
              {!invite.revokedAt && (
                <button type="button" className="danger" onClick={() => void revoke(invite.id)} aria-label={t('access.revokeLabel', { name: invite.name })}>
                  {t('access.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
