import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { restoreAction, type PlanView } from '../../../shared/index.js'
import { usePlanAccess } from '../../hooks/usePlanAccess.js'
import { hrefFor } from '../../app/route.js'
import { useHistory } from '../../hooks/useHistory.js'
import { authorOf, describeChange, namesOf } from '../detail/formatValue.js'
import { formatMoment } from '../../format.js'
import { VersionsPanel } from './VersionsPanel.js'

/** The plan's timeline: every change, newest first, with who made it. */
export const HistoryView = ({ planId, doc, plan }: { planId: string; doc: Y.Doc; plan: PlanView }) => {
  const { t, i18n } = useTranslation()
  const { canEdit } = usePlanAccess()
  const changes = useHistory(planId, plan)
  const names = namesOf(plan)
  const titles = new Map(plan.actions.map((a) => [a.id, a.title]))
  return (
    <>
    <VersionsPanel planId={planId} plan={plan} />
    <section aria-labelledby="timeline-heading" className="timeline">
      <h2 id="timeline-heading">{t('history.planTimeline')}</h2>
      {changes === 'loading' ? (
        <p className="muted">{t('history.loading')}</p>
      ) : changes === 'unavailable' ? (
        <p className="notice">{t('review.offlineHistory')}</p>
      ) : changes.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <ol className="history-list">
          {[...changes].reverse().map((c, i) => (
            <li key={`${c.seq}-${c.entityId}-${c.field}-${i}`}>
              <span className="muted">{formatMoment(c.at, i18n.language)}</span>{' '}
              {c.overwritten && <span className="badge stale">{t('history.overwrittenTag')}</span>}{' '}
              <strong>{authorOf(c)}</strong>{' '}
              {titles.has(c.actionId ?? c.entityId) ? (
                <a href={hrefFor({ view: 'action', planId, actionId: c.actionId ?? c.entityId })}>{titles.get(c.actionId ?? c.entityId)}</a>
              ) : (
                <span>{names.get(c.entityId) ?? (c.entity === 'meta' ? plan.meta.title : c.entityId)}</span>
              )}
              {': '}
              {describeChange(c, t, names)}
              {canEdit && c.entity === 'action' && c.field === 'deleted' && c.after === true && !titles.has(c.entityId) && (
                <button type="button" className="link-button" onClick={() => restoreAction(doc, c.entityId)}>
                  {t('history.restoreAction')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
    </>
  )
}
