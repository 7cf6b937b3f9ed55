import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SaveResult } from '../../../electron/ipc.js'
import { ACTION_STATUSES, indicatorProgress, isoDay, isOverdue, rollupByArea, rollupPlan, type DiscussionView, type PlanView } from '../../../shared/index.js'
import { LocalizedText } from '../../components/LocalizedText.js'
import { formatDate, formatDay, formatPercent } from '../../format.js'
import { useDiscussion } from '../../hooks/useDiscussion.js'
import { SaveOutcome } from '../../components/SaveOutcome.js'
import { isDesktop, savePdfOnDesktop } from '../../desktop.js'
import { planFileName } from '../../exports/planExports.js'

/**
 * The plan as a report for a meeting or a donor, made to be printed (or saved as PDF from
 * the print dialog): by area, each action with its owners, status, progress, indicators and
 * the latest verdict of each organization.
 */
export const ReportView = ({ planId, plan, discussion: fixed }: { planId: string; plan: PlanView; discussion?: DiscussionView }) => {
  const { t, i18n } = useTranslation()
  const live = useDiscussion(planId).discussion
  // A version's report shows the verdicts of its time; the plan's report, the live ones.
  const discussion = fixed ?? live
  const today = isoDay(new Date())
  const total = rollupPlan(plan, today)
  const byArea = new Map(rollupByArea(plan, today).map((r) => [r.key, r]))
  const names = new Map(plan.stakeholders.map((s) => [s.id, s.name]))
  const percent = (value: number) => formatPercent(value, i18n.language)
  const language = plan.meta.language
  const [saved, setSaved] = useState<SaveResult | null>(null)
  return (
    <article className="report" aria-labelledby="report-heading">
      <div className="report-actions">
        {isDesktop() ? (
          <>
            <button type="button" className="primary" onClick={() => void savePdfOnDesktop(planFileName(plan, 'pdf')).then(setSaved)}>
              {t('report.savePdf')}
            </button>
            <button type="button" onClick={() => window.print()}>
              {t('report.printOnly')}
            </button>
            <SaveOutcome result={saved} />
          </>
        ) : (
          <>
            <button type="button" className="primary" onClick={() => window.print()}>
              {t('report.print')}
            </button>
            <p className="muted">{t('report.printHelp')}</p>
          </>
        )}
      </div>
      <header className="report-header">
        <h2 id="report-heading">
          <LocalizedText entity={plan.meta} field="title" planLanguage={language} />
        </h2>
        <p className="muted">{t('report.generated', { when: formatDate(Date.now(), i18n.language) })}</p>
        <p>
          {t('board.actions', { count: total.count })} · {t('board.progressOf', { percent: total.progress / 100 })} ·{' '}
          {ACTION_STATUSES.map((status) => `${t(`status.${status}`)} ${total.byStatus[status]}`).join(' · ')} · {t('report.overdue', { count: total.overdue })}
        </p>
      </header>
      {plan.areas.map((area) => {
        const actions = plan.actions.filter((a) => a.areaId === area.id)
        const rollup = byArea.get(area.id)
        return (
          <section key={area.id} className="report-area" aria-labelledby={`report-area-${area.id}`}>
            <h3 id={`report-area-${area.id}`}>
              <LocalizedText entity={area} field="title" planLanguage={language} />
            </h3>
            {area.description && (
              <p className="muted">
                <LocalizedText entity={area} field="description" planLanguage={language} />
              </p>
            )}
            <p>
              {t('board.actions', { count: actions.length })} · {t('board.progressOf', { percent: (rollup?.progress ?? 0) / 100 })}
            </p>
            {actions.length > 0 && (
              <table className="report-table">
                <thead>
                  <tr>
                    <th scope="col">{t('columns.title')}</th>
                    <th scope="col">{t('columns.owner')}</th>
                    <th scope="col">{t('columns.status')}</th>
                    <th scope="col">{t('columns.progress')}</th>
                    <th scope="col">{t('columns.due')}</th>
                    <th scope="col">{t('action.indicators')}</th>
                    <th scope="col">{t('review.verdicts')}</th>
                  </tr>
                </thead>
                <tbody>
                  {actions.map((action) => (
                    <tr key={action.id} className={isOverdue(action, today) ? 'overdue' : undefined}>
                      <th scope="row">
                        <LocalizedText entity={action} field="title" planLanguage={language} />
                      </th>
                      <td>{action.owners.map((id) => names.get(id) ?? id).join(', ')}</td>
                      <td>{t(`status.${action.status}`)}</td>
                      <td>{percent(action.progress)}</td>
                      <td>{action.due ? formatDay(action.due, i18n.language) : '—'}</td>
                      <td>
                        {action.indicators.map((indicator) => {
                          const progress = indicatorProgress(indicator)
                          return (
                            <div key={indicator.id}>
                              {indicator.label}: {indicator.current ?? '—'} / {indicator.target ?? '—'} {indicator.unit}
                              {progress !== null && ` (${percent(progress)})`}
                            </div>
                          )
                        })}
                      </td>
                      <td>
                        {(discussion.verdictsByAction.get(action.id) ?? []).map((verdict) => (
                          <div key={verdict.org}>
                            {verdict.org}: {t(`review.verdict_${verdict.verdict}`)}
                          </div>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        )
      })}
    </article>
  )
}
