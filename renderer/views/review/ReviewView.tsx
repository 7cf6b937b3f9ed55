import { useTranslation } from 'react-i18next'
import { MAX_HISTORY_PAGE, verdictOrg, type FieldChange, type PlanView } from '../../../shared/index.js'
import { hrefFor } from '../../app/route.js'
import { useDiscussion } from '../../hooks/useDiscussion.js'
import { useHistory } from '../../hooks/useHistory.js'
import { usePlanAccess } from '../../hooks/usePlanAccess.js'
import { authorOf, describeChange, namesOf } from '../detail/formatValue.js'
import { formatMoment } from '../../format.js'
import { LocalizedText } from '../../components/LocalizedText.js'
import { PositionsPanel } from './PositionsPanel.js'
import { RoundsPanel } from './RoundsPanel.js'

/**
 * For a delegate reviewing the plan: every action changed since their organization's last
 * verdict on it (or never reviewed), with what changed, who changed it and when.
 */
export const ReviewView = ({ planId, plan }: { planId: string; plan: PlanView }) => {
  const { t, i18n } = useTranslation()
  const { me, canGiveVerdict } = usePlanAccess()
  const { discussion } = useDiscussion(planId)
  const changes = useHistory(planId, plan, { limit: MAX_HISTORY_PAGE })
  const org = verdictOrg(me)
  const names = namesOf(plan)
  const when = (at: number | string) => formatMoment(at, i18n.language)

  const pending = plan.actions
    .map((action) => {
      const mine = discussion.verdictsByAction.get(action.id)?.find((v) => v.org === org) ?? null
      const since = mine ? Date.parse(mine.at) : 0
      const later: FieldChange[] = (Array.isArray(changes) ? changes : []).filter((c) => c.entity === 'action' && c.entityId === action.id && c.at > since && c.field !== 'order' && c.field !== 'summary')
      return { action, mine, later }
    })
    .filter(({ mine, later }) => !mine || later.length > 0)

  return (
    <>
    <RoundsPanel planId={planId} plan={plan} discussion={discussion} myOrg={canGiveVerdict ? org : ''} />
    <PositionsPanel planId={planId} plan={plan} discussion={discussion} myOrg={canGiveVerdict ? org : ''} />
    {canGiveVerdict && (
    <section className="review-view" aria-labelledby="review-heading">
      <h2 id="review-heading">{t('review.since')}</h2>
      <p className="muted">{t('review.sinceHelp')}</p>
      {changes === 'unavailable' && <p className="notice">{t('review.offlineHistory')}</p>}
      {pending.length === 0 ? (
        <p>{t('review.nothing')}</p>
      ) : (
        <ul className="review-list">
          {pending.map(({ action, mine, later }) => (
            <li key={action.id} className="card-panel">
              <a href={hrefFor({ view: 'action', planId, actionId: action.id })} className="card-title">
                <LocalizedText entity={action} field="title" planLanguage={plan.meta.language} />
              </a>
              <p className="muted">{mine ? t('review.lastReview', { verdict: t(`review.verdict_${mine.verdict}`), when: when(mine.at) }) : t('review.never')}</p>
              {later.length > 0 && (
                <ul className="changes">
                  {later.map((c, i) => (
                    <li key={`${c.seq}-${c.field}-${i}`}>
                      {describeChange(c, t, names)}{' '}
                      <span className="muted">{t('review.by', { who: authorOf(c), when: when(c.at) })}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
    )}
    </>
  )
}
