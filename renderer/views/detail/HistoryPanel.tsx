import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { ActionPatch, restoreAction, updateAction, type FieldChange, type PlanView } from '../../../shared/index.js'
import { useHistory } from '../../hooks/useHistory.js'
import { authorOf, describeChange, formatValue, namesOf } from './formatValue.js'
import { formatMoment } from '../../format.js'

/** Fields a person can bring back to an earlier value with one click. */
const RESTORABLE = new Set(Object.keys(ActionPatch.shape))

/** Who changed which field of this action, when; any earlier value can be brought back as a new edit. */
export const HistoryPanel = ({ planId, doc, plan, actionId, readOnly }: { planId: string; doc: Y.Doc; plan: PlanView; actionId: string; readOnly: boolean }) => {
  const { t, i18n } = useTranslation()
  const changes = useHistory(planId, plan, { actionId })
  const names = namesOf(plan)
  const restore = (change: FieldChange) => {
    if (change.field === 'deleted') return restoreAction(doc, actionId)
    return updateAction(doc, actionId, { [change.field]: change.before } as never)
  }
  return (
    <section className="history-panel" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('history.actionHistory')}</h2>
      {changes === 'loading' ? (
        <p className="muted">{t('history.loading')}</p>
      ) : changes === 'unavailable' ? (
        <p className="muted">{t('review.offlineHistory')}</p>
      ) : changes.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <ol className="history-list">
          {[...changes].reverse().map((change, i) => (
            <li key={`${change.seq}-${change.field}-${i}`}>
              {change.overwritten && <span className="badge stale">{t('history.overwrittenTag')}</span>}{' '}
              <span className="history-what">{describeChange(change, t, names)}</span>
              <span className="muted">
                {' '}
                {t('review.by', {
                  who: authorOf(change),
                  when: formatMoment(change.at, i18n.language),
                })}
              </span>
              {!readOnly && change.overwritten && RESTORABLE.has(change.field) && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => updateAction(doc, actionId, { [change.field]: change.after } as never)}
                  aria-label={t('history.useValueLabel', { field: t(`fields.${change.field}`, { defaultValue: change.field }), value: formatValue(change.after, t, names) })}
                >
                  {t('history.useValue', { value: formatValue(change.after, t, names) })}
                </button>
              )}
              {!readOnly && !change.overwritten && change.entity === 'action' && RESTORABLE.has(change.field) && change.before !== null && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => restore(change)}
                  aria-label={t('history.restoreLabel', { field: t(`fields.${change.field}`, { defaultValue: change.field }), value: formatValue(change.before, t, names) })}
                >
                  {t('history.restore', { value: formatValue(change.before, t, names) })}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
