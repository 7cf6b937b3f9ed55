import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import {
  ACTION_STATUSES, actionMatcher, dueSoonActions, indicatorProgress, isoDay, NO_FILTER, overdueActions, rollupByArea, rollupByCountry,
  rollupByStakeholder, rollupByStakeholderKind, type ActionFilter, type ActionStatus, type PlanView, type Rollup,
} from '../../../shared/index.js'
import { hrefFor } from '../../app/route.js'
import { LocalizedText } from '../../components/LocalizedText.js'
import { formatDay, formatPercent } from '../../format.js'
import { useLocalize } from '../../hooks/useLocalize.js'
import { TableFilters } from '../table/TableFilters.js'

/** Colours of the statuses, the same as their badges; each reads at 3:1 or more on white. */
const STATUS_COLOURS: Record<ActionStatus, string> = { planned: '#5b6670', in_progress: '#0b57a4', done: '#1b6e3a', blocked: '#a4161a', dropped: '#8a8f94' }
const DUE_SOON_DAYS = 30

type Dimension = 'areaId' | 'ownerKind' | 'ownerId' | 'country'

/**
 * Where the plan stands, for a coordinator: by area, kind of organization, organization and
 * country, counts by status, progress and what is overdue, with the table's filters. Every
 * number links to the table showing the actions behind it.
 */
export const DashboardView = ({ planId, plan }: { planId: string; plan: PlanView }) => {
  const { t, i18n } = useTranslation()
  const localized = useLocalize(plan.meta)
  const [filter, setFilter] = useState<ActionFilter>(NO_FILTER)
  const today = isoDay(new Date())
  const shown = useMemo(() => ({ ...plan, actions: plan.actions.filter(actionMatcher(plan, filter, today)) }), [plan, filter, today])
  const percent = (value: number) => formatPercent(value, i18n.language)
  const names = new Map(plan.stakeholders.map((s) => [s.id, s.name]))
  const link = (patch: Partial<ActionFilter>) => hrefFor({ view: 'table', planId, filter: { ...filter, ...patch } })

  const groups: { dimension: Dimension; heading: string; rows: Rollup[]; label: (r: Rollup) => string }[] = [
    { dimension: 'areaId', heading: t('dashboard.byArea'), rows: rollupByArea(shown, today), label: (r) => localized(plan.areas.find((a) => a.id === r.key) ?? { title: r.label, translations: {} }) },
    { dimension: 'ownerKind', heading: t('dashboard.byKind'), rows: rollupByStakeholderKind(shown, today), label: (r) => t(`kind.${r.key}`) },
    { dimension: 'ownerId', heading: t('dashboard.byOrganization'), rows: rollupByStakeholder(shown, today), label: (r) => r.label },
    { dimension: 'country', heading: t('dashboard.byCountry'), rows: rollupByCountry(shown, today), label: (r) => r.label },
  ]
  const overdue = overdueActions(shown.actions, today)
  const dueSoon = dueSoonActions(shown.actions, today, DUE_SOON_DAYS).filter((a) => !overdue.includes(a))
  const existing = shown.actions.filter((a) => a.origin === 'existing').length
  const indicators = shown.actions.flatMap((action) => action.indicators.map((indicator) => ({ action, indicator, progress: indicatorProgress(indicator) })))

  return (
    <section className="dashboard" aria-labelledby="dashboard-heading">
      <h2 id="dashboard-heading">{t('dashboard.heading')}</h2>
      <TableFilters plan={plan} filter={filter} onChange={setFilter} />
      <ul className="tiles">
        <li><a href={link({})}><strong>{shown.actions.length}</strong> {t('dashboard.actions')}</a></li>
        {ACTION_STATUSES.map((status) => (
          <li key={status}>
            <a href={link({ status })}><strong>{shown.actions.filter((a) => a.status === status).length}</strong> {t(`status.${status}`)}</a>
          </li>
        ))}
        <li className="overdue-tile"><a href={link({ overdueOnly: true })}><strong>{overdue.length}</strong> {t('action.overdue')}</a></li>
        <li><strong>{existing}</strong> {t('origin.existing')} · <strong>{shown.actions.length - existing}</strong> {t('origin.proposed')}</li>
      </ul>

      {groups.map((group) => (
        <section key={group.dimension} className="dashboard-group" aria-labelledby={`group-${group.dimension}`}>
          <h3 id={`group-${group.dimension}`}>{group.heading}</h3>
          {group.rows.length > 0 && (
            <div className="chart" aria-hidden="true">
              <ResponsiveContainer width="100%" height={Math.max(120, group.rows.length * 34 + 60)}>
                <BarChart data={group.rows.map((r) => ({ name: group.label(r), ...r.byStatus }))} layout="vertical" margin={{ left: 8, right: 16 }}>
                  <CartesianGrid horizontal={false} />
                  <XAxis type="number" allowDecimals={false} />
                  <YAxis type="category" dataKey="name" width={160} tick={{ fontSize: 12 }} />
                  <Tooltip />
                  <Legend />
                  {ACTION_STATUSES.map((status) => (
                    <Bar key={status} dataKey={status} name={t(`status.${status}`)} stackId="status" fill={STATUS_COLOURS[status]} isAnimationActive={false} />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
          <div className="table-scroll">
            <table className="report-table">
              <thead>
                <tr>
                  <th scope="col">{group.heading}</th>
                  <th scope="col">{t('dashboard.actions')}</th>
                  {ACTION_STATUSES.map((status) => <th key={status} scope="col">{t(`status.${status}`)}</th>)}
                  <th scope="col">{t('columns.progress')}</th>
                  <th scope="col">{t('action.overdue')}</th>
                </tr>
              </thead>
              <tbody>
                {group.rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{group.label(row)}</th>
                    <td><a href={link({ [group.dimension]: row.key })}>{row.count}</a></td>
                    {ACTION_STATUSES.map((status) => (
                      <td key={status}><a href={link({ [group.dimension]: row.key, status })}>{row.byStatus[status]}</a></td>
                    ))}
                    <td>{percent(row.progress)}</td>
                    <td><a href={link({ [group.dimension]: row.key, overdueOnly: true })}>{row.overdue}</a></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}

      <section className="dashboard-group" aria-labelledby="due-heading">
        <h3 id="due-heading">{t('dashboard.commitments', { days: DUE_SOON_DAYS })}</h3>
        {overdue.length + dueSoon.length === 0 ? (
          <p className="muted">{t('dashboard.nothingDue')}</p>
        ) : (
          <ul className="due-list">
            {[...overdue, ...dueSoon].map((action) => (
              <li key={action.id} className={overdue.includes(action) ? 'overdue-text' : undefined}>
                <a href={hrefFor({ view: 'action', planId, actionId: action.id })}>
                  <LocalizedText entity={action} field="title" planLanguage={plan.meta.language} />
                </a>{' '}
                · {action.due ? formatDay(action.due, i18n.language) : ''} · {action.owners.map((id) => names.get(id) ?? id).join(', ') || t('dashboard.noOwner')}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="dashboard-group" aria-labelledby="indicators-heading">
        <h3 id="indicators-heading">{t('action.indicators')}</h3>
        {indicators.length === 0 ? (
          <p className="muted">{t('dashboard.noIndicators')}</p>
        ) : (
          <div className="table-scroll">
            <table className="report-table">
              <thead>
                <tr>
                  <th scope="col">{t('indicator.label')}</th>
                  <th scope="col">{t('columns.title')}</th>
                  <th scope="col">{t('indicator.baseline')}</th>
                  <th scope="col">{t('indicator.current')}</th>
                  <th scope="col">{t('indicator.target')}</th>
                  <th scope="col">{t('indicator.progress')}</th>
                </tr>
              </thead>
              <tbody>
                {indicators.map(({ action, indicator, progress }) => (
                  <tr key={indicator.id}>
                    <th scope="row">{indicator.label}{indicator.unit ? ` (${indicator.unit})` : ''}</th>
                    <td><a href={hrefFor({ view: 'action', planId, actionId: action.id })}><LocalizedText entity={action} field="title" planLanguage={plan.meta.language} /></a></td>
                    <td>{indicator.baseline ?? '—'}</td>
                    <td>{indicator.current ?? '—'}</td>
                    <td>{indicator.target ?? '—'}</td>
                    <td>{progress === null ? t('indicator.unknown') : percent(progress)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  )
}
