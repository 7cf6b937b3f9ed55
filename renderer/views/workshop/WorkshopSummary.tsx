import { useTranslation } from 'react-i18next'
import type { PlanView } from '../../../shared/index.js'
import { hrefFor } from '../../app/route.js'
import { formatDay } from '../../format.js'
import { useWorkshop } from '../../hooks/useWorkshop.js'

/** The outcome of a session, to print or save as PDF: recommendations by question with votes, those that became actions, who took part. */
export const WorkshopSummary = ({ planId, workshopId, plan }: { planId: string; workshopId: string; plan: PlanView }) => {
  const { t, i18n } = useTranslation()
  const { workshop } = useWorkshop(planId, workshopId)
  const { setup, state } = workshop
  if (!setup) return <p className="muted">{t('workshop.loading')}</p>
  const actions = new Map(plan.actions.map((a) => [a.id, a]))
  const converted = workshop.cards.filter((c) => c.actionId)
  return (
    <article className="report workshop-summary" aria-labelledby="summary-heading">
      <div className="report-actions">
        <a href={hrefFor({ view: 'workshop', planId, workshopId, mode: 'room' })}>{t('workshop.backToRoom')}</a>
        <button type="button" className="primary" onClick={() => window.print()}>{t('report.print')}</button>
      </div>
      <h2 id="summary-heading">{t('workshop.summaryOf', { title: setup.title })}</h2>
      <p className="muted">
        {formatDay(setup.date, i18n.language)}
        {setup.place && ` · ${setup.place}`} · {t('workshop.participants', { count: workshop.participants })}
        {state.closed && ` · ${t('workshop.closed')}`}
      </p>
      {workshop.organizations.length > 0 && <p>{t('workshop.organizations', { list: workshop.organizations.join(', ') })}</p>}
      <h3>{t('workshop.becameActions', { count: converted.length })}</h3>
      <ul data-testid="summary-actions">
        {converted.map((card) => {
          const action = card.actionId ? actions.get(card.actionId) : undefined
          return (
            <li key={card.id}>
              {action ? <a href={hrefFor({ view: 'action', planId, actionId: action.id })}>{action.title}</a> : card.text} — {t('workshop.votes', { count: card.votes })}
            </li>
          )
        })}
      </ul>
      {setup.questions.map((question) => {
        const cards = [...workshop.cards.filter((c) => c.questionId === question.id)].sort((a, b) => b.votes - a.votes)
        return (
          <section key={question.id}>
            <h3>{question.text}</h3>
            {cards.length === 0 ? (
              <p className="muted">{t('workshop.noCards')}</p>
            ) : (
              <table className="report-table">
                <thead>
                  <tr>
                    <th scope="col">{t('workshop.recommendation')}</th>
                    <th scope="col">{t('workshop.by')}</th>
                    <th scope="col">{t('workshop.votesHeading')}</th>
                  </tr>
                </thead>
                <tbody>
                  {cards.map((card) => (
                    <tr key={card.id}>
                      <td>
                        {card.text}
                        {card.merged.length > 0 && <span className="muted"> ({t('workshop.mergedCount', { count: card.merged.length })})</span>}
                      </td>
                      <td>{card.author ? card.author.org || card.author.name : t('workshop.anonymousAuthor')}</td>
                      <td>{card.votes}</td>
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
