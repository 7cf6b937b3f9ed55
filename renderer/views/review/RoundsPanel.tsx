import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { roundActions, roundStandings, type DiscussionView, type PlanView, type Round } from '../../../shared/index.js'
import { hrefFor } from '../../app/route.js'
import { LocalizedText } from '../../components/LocalizedText.js'
import { formatDay, formatMoment } from '../../format.js'
import { authorizedFetch } from '../../hooks/useIdentity.js'
import { usePlanAccess } from '../../hooks/usePlanAccess.js'
import { useRounds } from '../../hooks/useRounds.js'
import { OpenRoundForm } from './OpenRoundForm.js'
import { StandingsTable } from './StandingsTable.js'

/** How many of the actions still waiting for my organization's verdict a round lists. */
const PENDING_SHOWN = 20

/**
 * Review rounds: an owner asks organizations for their verdict on some actions by a date;
 * each organization sees what is asked of it and what it has not reviewed; the round closes
 * with where each stood, kept as the server read it.
 */
export const RoundsPanel = ({ planId, plan, discussion, myOrg }: { planId: string; plan: PlanView; discussion: DiscussionView; myOrg: string }) => {
  const { t } = useTranslation()
  const { canManage } = usePlanAccess()
  const { rounds, reload } = useRounds(planId)
  const today = new Date().toISOString().slice(0, 10)
  return (
    <section aria-labelledby="rounds-heading" className="card-panel rounds">
      <h2 id="rounds-heading">{t('rounds.heading')}</h2>
      <p className="muted">{t('rounds.help')}</p>
      {rounds === null ? (
        <p className="notice">{t('rounds.offline')}</p>
      ) : rounds.length === 0 ? (
        <p className="muted">{t('rounds.none')}</p>
      ) : (
        <ul className="stakeholder-list">
          {[...rounds.filter((r) => !r.closed), ...rounds.filter((r) => r.closed)].map((round) => (
            <RoundItem key={round.id} planId={planId} plan={plan} discussion={discussion} myOrg={myOrg} round={round} today={today} canClose={canManage} onClosed={reload} />
          ))}
        </ul>
      )}
      {canManage && rounds !== null && <OpenRoundForm planId={planId} plan={plan} discussion={discussion} onOpened={reload} />}
    </section>
  )
}

const RoundItem = ({ planId, plan, discussion, myOrg, round, today, canClose, onClosed }: {
  planId: string
  plan: PlanView
  discussion: DiscussionView
  myOrg: string
  round: Round
  today: string
  canClose: boolean
  onClosed: () => Promise<void>
}) => {
  const { t, i18n } = useTranslation()
  const [error, setError] = useState<string | null>(null)
  const count = round.closed ? round.closed.summary.actions : roundActions(round, plan).length
  const standings = round.closed
    ? round.closed.summary.orgs.map(({ org, earlier, ...counts }) => ({ org, counts, earlier }))
    : roundStandings(round, plan, discussion)
  const mine = round.closed ? null : roundStandings({ ...round, orgs: round.orgs.filter((org) => org === myOrg) }, plan, discussion)[0]
  const close = async () => {
    const res = await authorizedFetch(planId, `/api/plans/${planId}/rounds/${round.id}/close`, { method: 'POST', body: '{}' }).catch(() => null)
    if (!res?.ok) return setError(t('rounds.offline'))
    setError(null)
    await onClosed()
  }
  return (
    <li className="round" data-testid="round">
      <h3>
        {round.title} <span className={`badge${round.closed ? '' : ' open'}`}>{t(round.closed ? 'rounds.status_closed' : 'rounds.status_open')}</span>
      </h3>
      <p className="muted">
        {t('rounds.due', { date: formatDay(round.deadline, i18n.language) })}
        {!round.closed && round.deadline < today && <> · <span className="badge stale">{t('rounds.overdue')}</span></>} ·{' '}
        {round.actionIds === null ? t('rounds.wholePlan', { count }) : t('rounds.someActions', { count })} · {t('rounds.asked', { orgs: round.orgs.join(', ') })} ·{' '}
        {t('rounds.openedBy', { name: round.openedBy.name, org: round.openedBy.org, when: formatMoment(round.openedAt, i18n.language) })}
      </p>
      {mine && (
        <div className="notice">
          <p>{t('rounds.askedOfMe', { org: myOrg, count: mine.pending.length })}</p>
          {mine.pending.length > 0 && (
            <ul>
              {mine.pending.slice(0, PENDING_SHOWN).map((action) => (
                <li key={action.id}>
                  <a href={hrefFor({ view: 'action', planId, actionId: action.id })}>
                    <LocalizedText entity={action} field="title" planLanguage={plan.meta.language} />
                  </a>
                </li>
              ))}
              {mine.pending.length > PENDING_SHOWN && <li className="muted">{t('rounds.more', { count: mine.pending.length - PENDING_SHOWN })}</li>}
            </ul>
          )}
        </div>
      )}
      {round.closed && (
        <p>
          <strong>{t('rounds.closedBy', { name: round.closed.by.name, org: round.closed.by.org, when: formatMoment(round.closed.at, i18n.language) })}</strong>
        </p>
      )}
      <StandingsTable caption={t('rounds.standings', { title: round.title })} rows={standings} />
      {round.closed && (
        <>
          <h4>{t('rounds.reservations')}</h4>
          {round.closed.summary.reservations.length === 0 ? (
            <p className="muted">{t('rounds.noReservations')}</p>
          ) : (
            <ul className="verdicts">
              {round.closed.summary.reservations.map((r) => (
                <li key={`${r.actionId}-${r.org}`} className={`verdict verdict-${r.verdict}`}>
                  <strong>{r.org}</strong>: {t(`review.verdict_${r.verdict}`)} — {r.title}
                  {r.note && <> — {r.note}</>}
                  {r.earlier && <> <span className="badge stale">{t('review.earlierVersion')}</span></>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {canClose && !round.closed && (
        <button type="button" onClick={() => void close()} aria-label={t('rounds.closeLabel', { title: round.title })}>
          {t('rounds.close')}
        </button>
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
    </li>
  )
}
