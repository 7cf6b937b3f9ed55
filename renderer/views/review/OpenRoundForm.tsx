import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isoDay, mayGiveVerdict, ok, RoundInput, toIssues, verdictOrg, type DiscussionView, type PlanView } from '../../../shared/index.js'
import { CheckedForm } from '../../components/CheckedForm.js'
import { useLocalize } from '../../hooks/useLocalize.js'
import { authorizedFetch } from '../../hooks/useIdentity.js'
import { useIssueText } from '../../hooks/useIssueText.js'
import { DateField } from '../detail/DateField.js'
import { Failure, Invites } from '../invites/InviteList.js'

/** Organizations that can answer a round: those holding an invite that may give a verdict, and those that gave one. */
const useAnsweringOrgs = (planId: string, discussion: DiscussionView): string[] => {
  const [invited, setInvited] = useState<string[]>([])
  useEffect(() => {
    void authorizedFetch(planId, `/api/plans/${planId}/invites`)
      .then((res) => res.json())
      .then((body: unknown) => {
        const parsed = Invites.safeParse(body)
        if (parsed.success) setInvited(parsed.data.invites.filter((i) => i.revokedAt === null && mayGiveVerdict(i.role)).map(verdictOrg))
      })
      .catch(() => undefined)
  }, [planId])
  const answered = [...discussion.verdictsByAction.values()].flatMap((verdicts) => verdicts.map((v) => v.org))
  return [...new Set([...invited, ...answered])].sort((a, b) => a.localeCompare(b))
}

/** An owner opens a round: a title, a date, the whole plan or some areas' actions, and the organizations asked. */
export const OpenRoundForm = ({ planId, plan, discussion, onOpened }: { planId: string; plan: PlanView; discussion: DiscussionView; onOpened: () => Promise<void> }) => {
  const { t } = useTranslation()
  const localized = useLocalize(plan.meta)
  const { issueText } = useIssueText()
  const orgs = useAnsweringOrgs(planId, discussion)
  const [draft, setDraft] = useState({ title: '', deadline: isoDay(new Date(Date.now() + 14 * 86_400_000)), wholePlan: true, areaIds: [] as string[], orgs: [] as string[] })
  const [error, setError] = useState<string | null>(null)
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...list, value] : list.filter((v) => v !== value))

  const open = async () => {
    const areas = new Set(draft.areaIds)
    const input = RoundInput.safeParse({
      title: draft.title,
      deadline: draft.deadline,
      actionIds: draft.wholePlan ? null : plan.actions.filter((a) => areas.has(a.areaId)).map((a) => a.id),
      orgs: draft.orgs,
    })
    if (!input.success) return setError(toIssues(input.error).map(issueText).join(' '))
    const res = await authorizedFetch(planId, `/api/plans/${planId}/rounds`, { method: 'POST', body: JSON.stringify(input.data) }).catch(() => null)
    if (!res) return setError(t('rounds.offline'))
    const body: unknown = await res.json().catch(() => null)
    if (!res.ok) return setError(Failure.safeParse(body).data?.error ?? `HTTP ${res.status}`)
    setError(null)
    setDraft({ ...draft, title: '', orgs: [] })
    await onOpened()
  }

  return (
    <CheckedForm label={t('rounds.open')} submitLabel={t('rounds.openButton')} error={error} onSubmit={open}>
      <label className="field grow">
        <span>{t('rounds.title')}</span>
        <input value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} placeholder={t('rounds.titlePlaceholder')} />
      </label>
      <DateField label={t('rounds.deadline')} value={draft.deadline} commit={(iso) => ok(setDraft({ ...draft, deadline: iso ?? '' }))} />
      <fieldset className="field full">
        <legend>{t('rounds.scope')}</legend>
        <label className="checkbox">
          <input type="radio" name="round-scope" checked={draft.wholePlan} onChange={() => setDraft({ ...draft, wholePlan: true })} />
          {t('rounds.scopeAll')}
        </label>
        <label className="checkbox">
          <input type="radio" name="round-scope" checked={!draft.wholePlan} onChange={() => setDraft({ ...draft, wholePlan: false })} />
          {t('rounds.scopeAreas')}
        </label>
        {!draft.wholePlan &&
          plan.areas.map((area) => (
            <label key={area.id} className="checkbox indented">
              <input type="checkbox" checked={draft.areaIds.includes(area.id)} onChange={(e) => setDraft({ ...draft, areaIds: toggle(draft.areaIds, area.id, e.target.checked) })} />
              {localized(area)}
            </label>
          ))}
      </fieldset>
      <fieldset className="field full">
        <legend>{t('rounds.orgs')}</legend>
        {orgs.length === 0 ? (
          <p className="muted">{t('rounds.noOrgs')}</p>
        ) : (
          orgs.map((org) => (
            <label key={org} className="checkbox">
              <input type="checkbox" checked={draft.orgs.includes(org)} onChange={(e) => setDraft({ ...draft, orgs: toggle(draft.orgs, org, e.target.checked) })} />
              {org}
            </label>
          ))
        )}
      </fieldset>
    </CheckedForm>
  )
}
