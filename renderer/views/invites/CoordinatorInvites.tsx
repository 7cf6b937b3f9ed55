import { inviteLink } from '../../sync/shareOrigin.js'
import { CheckedForm } from '../../components/CheckedForm.js'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ANY_PLAN, CoordinatorInviteInput, toIssues } from '../../../shared/index.js'
import { authorizedFetch } from '../../hooks/useIdentity.js'
import { useIssueText } from '../../hooks/useIssueText.js'
import { CreatedInvite } from './CreatedInvite.js'
import { Created, Failure, InviteList, Invites, type Invite } from './InviteList.js'
import { PersonFields, type InvitePerson } from './PersonFields.js'

const NOBODY: InvitePerson = { name: '', org: '', days: '90' }
const api = (path: string, init?: RequestInit) => authorizedFetch(ANY_PLAN, path, init)

/**
 * For the host: one link for a coordinator who follows several plans, or every plan on
 * this server, instead of one invite per plan.
 */
export const CoordinatorInvites = ({ plans }: { plans: { id: string; title: string }[] }) => {
  const { t } = useTranslation()
  const [invites, setInvites] = useState<Invite[]>([])
  const [person, setPerson] = useState(NOBODY)
  const [everyPlan, setEveryPlan] = useState(false)
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set())
  const [error, setError] = useState<string | null>(null)
  const [created, setCreated] = useState<{ link: string; name: string } | null>(null)
  const { issueText } = useIssueText()
  const titleOf = new Map(plans.map((p) => [p.id, p.title]))

  const load = useCallback(async () => {
    const res = await api('/api/coordinators').catch(() => null)
    const parsed = Invites.safeParse(await res?.json().catch(() => null))
    if (parsed.success) setInvites(parsed.data.invites)
  }, [])
  useEffect(() => void load(), [load])

  const create = async () => {
    if (!everyPlan && chosen.size === 0) return setError(t('coordinators.nonePicked'))
    const input = CoordinatorInviteInput.safeParse({ name: person.name, org: person.org, days: Number(person.days), plans: everyPlan ? ANY_PLAN : [...chosen] })
    if (!input.success) return setError(toIssues(input.error).map(issueText).join(' '))
    const res = await api('/api/coordinators', { method: 'POST', body: JSON.stringify(input.data) })
    const body: unknown = await res.json()
    const ok = Created.safeParse(body)
    if (!res.ok || !ok.success) return setError(Failure.safeParse(body).data?.error ?? `HTTP ${res.status}`)
    setError(null)
    setCreated({ link: await inviteLink('/commitments', ok.data.token), name: ok.data.identity.name })
    setPerson(NOBODY)
    setChosen(new Set())
    await load()
  }

  const revoke = async (id: string) => {
    await api(`/api/coordinators/${id}/revoke`, { method: 'POST' })
    await load()
  }

  const toggle = (id: string, on: boolean) => setChosen((before) => new Set(on ? [...before, id] : [...before].filter((x) => x !== id)))

  return (
    <section className="card-panel coordinators-panel" aria-labelledby="coordinators-heading">
      <h2 id="coordinators-heading">{t('coordinators.heading')}</h2>
      <p className="muted">{t('coordinators.help')}</p>
      <CheckedForm label={t('coordinators.invite')} submitLabel={t('coordinators.create')} error={error} onSubmit={create}>
        <PersonFields value={person} onChange={setPerson} />
        <fieldset className="field full">
          <legend>{t('coordinators.scope')}</legend>
          <label className="radio">
            <input type="radio" name="coordinator-scope" checked={everyPlan} onChange={() => setEveryPlan(true)} />
            {t('coordinators.everyPlan')}
          </label>
          <label className="radio">
            <input type="radio" name="coordinator-scope" checked={!everyPlan} onChange={() => setEveryPlan(false)} />
            {t('coordinators.somePlans')}
          </label>
          {!everyPlan && (
            <ul className="plan-checklist">
              {plans.map((plan) => (
                <li key={plan.id}>
                  <label className="radio">
                    <input type="checkbox" checked={chosen.has(plan.id)} onChange={(e) => toggle(plan.id, e.target.checked)} />
                    {plan.title}
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
      </CheckedForm>
      {created && <CreatedInvite key={created.link} link={created.link} name={created.name} help={t('coordinators.linkHelp', { name: created.name })} />}
      <InviteList
        invites={invites}
        onRevoke={(id) => void revoke(id)}
        covers={(invite) => (
          <span className="muted">
            {invite.plan === ANY_PLAN
              ? t('coordinators.coversEvery')
              : t('coordinators.coversSome', { count: [invite.plan].flat().length, titles: [invite.plan].flat().map((id) => titleOf.get(id) ?? id).join(', ') })}
          </span>
        )}
      />
    </section>
  )
}
