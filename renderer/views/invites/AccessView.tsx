import { inviteLink } from '../../sync/shareOrigin.js'
import { CheckedForm } from '../../components/CheckedForm.js'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { InviteInput, PLAN_ROLES, toIssues, type Role } from '../../../shared/index.js'
import { LabeledSelect } from '../../components/LabeledSelect.js'
import { authorizedFetch } from '../../hooks/useIdentity.js'
import { useIssueText } from '../../hooks/useIssueText.js'
import { CreatedInvite } from './CreatedInvite.js'
import { Created, Failure, InviteList, Invites, type Invite } from './InviteList.js'
import { PersonFields, type InvitePerson } from './PersonFields.js'

const NOBODY: InvitePerson = { name: '', org: '', days: '30' }

/** For the owner: invite people with a role, see who holds which, revoke. */
export const AccessView = ({ planId }: { planId: string }) => {
  const { t } = useTranslation()
  const [invites, setInvites] = useState<Invite[]>([])
  const [role, setRole] = useState<Role>('editor')
  const [person, setPerson] = useState(NOBODY)
  const [error, setError] = useState<string | null>(null)
  const [created, setCreated] = useState<{ link: string; name: string; role: Role } | null>(null)
  const { issueText } = useIssueText()

  const load = useCallback(async () => {
    const res = await authorizedFetch(planId, `/api/plans/${planId}/invites`).catch(() => null)
    const parsed = Invites.safeParse(await res?.json().catch(() => null))
    if (parsed.success) setInvites(parsed.data.invites)
  }, [planId])
  useEffect(() => void load(), [load])

  const create = async () => {
    const input = InviteInput.safeParse({ role, name: person.name, org: person.org, days: Number(person.days) })
    if (!input.success) return setError(toIssues(input.error).map(issueText).join(' '))
    const res = await authorizedFetch(planId, `/api/plans/${planId}/invites`, { method: 'POST', body: JSON.stringify(input.data) })
    const body: unknown = await res.json()
    const ok = Created.safeParse(body)
    if (!res.ok || !ok.success) return setError(Failure.safeParse(body).data?.error ?? `HTTP ${res.status}`)
    setError(null)
    setCreated({ link: await inviteLink(`/plan/${planId}`, ok.data.token), name: ok.data.identity.name, role: ok.data.identity.role })
    setPerson(NOBODY)
    await load()
  }

  const revoke = async (id: string) => {
    await authorizedFetch(planId, `/api/plans/${planId}/invites/${id}/revoke`, { method: 'POST' })
    await load()
  }

  return (
    <section className="access-view" aria-labelledby="access-heading">
      <h2 id="access-heading">{t('access.heading')}</h2>
      <CheckedForm label={t('access.invite')} submitLabel={t('access.create')} error={error} onSubmit={create} className="card-panel add-stakeholder">
        <LabeledSelect label={t('access.role')} value={role} onChange={(v) => setRole(v as Role)}>
          {PLAN_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`access.role_${r}`)}
            </option>
          ))}
        </LabeledSelect>
        <PersonFields value={person} onChange={setPerson} />
      </CheckedForm>
      {created && <CreatedInvite key={created.link} link={created.link} name={created.name} help={t('access.linkHelp', { name: created.name, role: t(`access.role_${created.role}`) })} />}
      <InviteList invites={invites} onRevoke={(id) => void revoke(id)} />
    </section>
  )
}
