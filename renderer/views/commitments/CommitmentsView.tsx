import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { commitmentsAcross, foldText, groupCommitments, isoDay } from '../../../shared/index.js'
import { hrefFor } from '../../app/route.js'
import { LabeledSelect } from '../../components/LabeledSelect.js'
import { LocalizedText } from '../../components/LocalizedText.js'
import { formatDay } from '../../format.js'
import { useManyPlans } from '../../hooks/useManyPlans.js'
import { usePlanList } from '../plans/usePlanList.js'

const SOON_DAYS = 30
const ANY = ''
/**
 * Rows shown per group until asked for all: the most urgent come first, and a page of
 * thousands of rows would take seconds to draw on every change.
 */
const GROUP_PREVIEW = 25

/**
 * What each organization has committed to in every plan this person can see: open actions
 * by owner (or by the owner's country), what is overdue or due soon first, each linking to
 * its action. "What does my organization owe, everywhere?"
 */
export const CommitmentsView = () => {
  const { t, i18n } = useTranslation()
  const { plans: listed } = usePlanList()
  const plans = useManyPlans(listed.map((p) => p.id))
  const [by, setBy] = useState<'organization' | 'country'>('organization')
  const [organization, setOrganization] = useState(ANY)
  const [urgentOnly, setUrgentOnly] = useState(false)
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set())
  const all = commitmentsAcross(plans, isoDay(new Date()), SOON_DAYS)
  const organizations = [...new Map(all.map((c) => [foldText(c.organization), c.organization])).entries()].sort((a, b) => a[1].localeCompare(b[1]))
  const rows = all.filter((c) => (organization === ANY || foldText(c.organization) === organization) && (!urgentOnly || c.overdue || c.dueSoon))
  const languageOf = new Map(plans.map(({ planId, plan }) => [planId, plan.meta.language]))
  return (
    <section className="commitments" aria-labelledby="commitments-heading">
      <h1 id="commitments-heading">{t('commitments.heading')}</h1>
      <p className="muted">{t('commitments.help', { count: plans.length })}</p>
      <div className="filters" role="search">
        <LabeledSelect label={t('commitments.groupBy')} value={by} onChange={(v) => setBy(v === 'country' ? 'country' : 'organization')}>
          <option value="organization">{t('commitments.byOrganization')}</option>
          <option value="country">{t('commitments.byCountry')}</option>
        </LabeledSelect>
        <LabeledSelect label={t('commitments.organization')} value={organization} onChange={setOrganization}>
          <option value={ANY}>{t('table.anyOwner')}</option>
          {organizations.map(([key, name]) => (
            <option key={key} value={key}>{name}</option>
          ))}
        </LabeledSelect>
        <label className="checkbox">
          <input type="checkbox" checked={urgentOnly} onChange={(e) => setUrgentOnly(e.target.checked)} />
          {t('commitments.urgentOnly', { days: SOON_DAYS })}
        </label>
      </div>
      <p className="muted" data-testid="commitments-count">{t('commitments.count', { count: rows.length })}</p>
      {groupCommitments(rows, by).map((group, index) => (
        <section key={group.key} className="dashboard-group" aria-labelledby={`commitments-group-${index}`}>
          <h2 id={`commitments-group-${index}`}>{group.label}</h2>
          <ul className="due-list">
            {(expanded.has(group.key) ? group.rows : group.rows.slice(0, GROUP_PREVIEW)).map((row) => (
              <li key={`${row.planId}-${row.action.id}-${row.organization}`} className={row.overdue ? 'overdue-text' : undefined}>
                <a href={hrefFor({ view: 'action', planId: row.planId, actionId: row.action.id })}>
                  <LocalizedText entity={row.action} field="title" planLanguage={languageOf.get(row.planId) ?? 'en'} />
                </a>{' '}
                · {row.planTitle} · {t(`status.${row.action.status}`)} ·{' '}
                {row.action.due ? `${row.overdue ? `${t('action.overdue')} · ` : ''}${t('action.dueOn', { date: formatDay(row.action.due, i18n.language) })}` : t('action.noDue')}
                {by === 'country' && ` · ${row.organization}`}
              </li>
            ))}
          </ul>
          {!expanded.has(group.key) && group.rows.length > GROUP_PREVIEW && (
            <button type="button" onClick={() => setExpanded((before) => new Set([...before, group.key]))}>
              {t('commitments.showAll', { count: group.rows.length, group: group.label })}
            </button>
          )}
        </section>
      ))}
    </section>
  )
}
