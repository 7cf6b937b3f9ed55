import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { castVote, postCard, withdrawVote, type PlanView, type WorkshopView } from '../../../shared/index.js'
import { hrefFor } from '../../app/route.js'
import { CheckedForm } from '../../components/CheckedForm.js'
import { formatDay } from '../../format.js'
import { useIssueText } from '../../hooks/useIssueText.js'
import { usePlanAccess } from '../../hooks/usePlanAccess.js'
import { usePresence } from '../../hooks/usePresence.js'
import { useWorkshop } from '../../hooks/useWorkshop.js'
import { CardItem } from './CardItem.js'
import { FacilitatorBar } from './FacilitatorBar.js'
import { SegmentTimer } from './SegmentTimer.js'

/**
 * A workshop session as the room uses it, on a phone or a laptop: post recommendations
 * under the session's questions, vote with the votes you have left, and, for the
 * facilitator, run the session (join code, timer, voting, merging, turning cards into
 * proposed actions).
 */
export const WorkshopRoom = ({ planId, workshopId, planDoc, plan }: { planId: string; workshopId: string; planDoc: Y.Doc; plan: PlanView }) => {
  const { t, i18n } = useTranslation()
  const access = usePlanAccess()
  const { session, workshop } = useWorkshop(planId, workshopId)
  usePresence(session, null, access.me)
  const { setup, state } = workshop
  if (!setup) return <p className="muted">{t('workshop.loading')}</p>
  const voter = access.identity?.tokenId ?? null
  const mine = voter ? (workshop.votesBy.get(voter) ?? []) : []
  const canVote = voter !== null && access.canComment && state.voting && !state.closed
  return (
    <div className="workshop-room">
      <section className="card-panel" aria-labelledby="workshop-heading">
        <h2 id="workshop-heading">{setup.title}</h2>
        <p className="muted">
          {formatDay(setup.date, i18n.language)}
          {setup.place && ` · ${setup.place}`} · {t('workshop.participants', { count: workshop.participants })}
        </p>
        <SegmentTimer workshop={workshop} />
        <p className="workshop-links">
          <a href={hrefFor({ view: 'workshop', planId, workshopId, mode: 'projector' })}>{t('workshop.projector')}</a>
          <a href={hrefFor({ view: 'workshop', planId, workshopId, mode: 'summary' })}>{t('workshop.summary')}</a>
        </p>
        {state.closed && <p className="notice">{t('workshop.closedNote')}</p>}
        {canVote && (
          <p className="votes-left" role="status">
            {t('workshop.votesLeft', { left: setup.votesPerPerson - mine.length, total: setup.votesPerPerson })}
          </p>
        )}
      </section>
      {access.canEdit && <FacilitatorBar planId={planId} workshopId={workshopId} planDoc={planDoc} doc={session.doc} workshop={workshop} />}
      {access.canComment && !state.closed && voter && <PostCardForm doc={session.doc} workshop={workshop} voter={voter} me={access.me} />}
      {setup.questions.map((question) => {
        const cards = workshop.cards.filter((c) => c.questionId === question.id)
        const shown = state.revealed ? [...cards].sort((a, b) => b.votes - a.votes) : cards
        return (
          <section key={question.id} className="card-panel workshop-question" aria-labelledby={`q-${question.id}`}>
            <h3 id={`q-${question.id}`}>{question.text}</h3>
            {shown.length === 0 ? (
              <p className="muted">{t('workshop.noCards')}</p>
            ) : (
              <ul className="workshop-cards">
                {shown.map((card) => (
                  <CardItem
                    key={card.id}
                    card={card}
                    planId={planId}
                    workshopId={workshopId}
                    doc={session.doc}
                    planDoc={planDoc}
                    plan={plan}
                    workshop={workshop}
                    question={question}
                    myVotes={mine.filter((id) => id === card.id || card.merged.some((m) => m.id === id)).length}
                    onVote={canVote ? () => castVote(session.doc, voter, card.id) : null}
                    onWithdraw={canVote ? () => withdrawVote(session.doc, voter, mine.find((id) => id === card.id || card.merged.some((m) => m.id === id)) ?? card.id) : null}
                  />
                ))}
              </ul>
            )}
          </section>
        )
      })}
    </div>
  )
}

const PostCardForm = ({ doc, workshop, voter, me }: { doc: Y.Doc; workshop: WorkshopView; voter: string; me: { name: string; org: string } }) => {
  const { t, i18n } = useTranslation()
  const { resultText } = useIssueText()
  const questions = workshop.setup?.questions ?? []
  const [draft, setDraft] = useState({ questionId: questions[0]?.id ?? '', text: '' })
  const [error, setError] = useState<string | null>(null)
  const post = async () => {
    const posted = postCard(doc, { questionId: draft.questionId, text: draft.text, by: voter, author: me, lang: i18n.language })
    if (!posted.ok) return setError(resultText(posted))
    setError(null)
    setDraft({ ...draft, text: '' })
  }
  return (
    <section className="card-panel" aria-labelledby="post-heading">
      <h3 id="post-heading">{t('workshop.post')}</h3>
      {workshop.setup?.anonymous && <p className="muted">{t('workshop.anonymousNote')}</p>}
      <CheckedForm label={t('workshop.post')} submitLabel={t('workshop.postButton')} error={error} onSubmit={post}>
        <label className="field full">
          <span>{t('workshop.question')}</span>
          <select value={draft.questionId} onChange={(e) => setDraft({ ...draft, questionId: e.target.value })}>
            {questions.map((q) => (
              <option key={q.id} value={q.id}>
                {q.text}
              </option>
            ))}
          </select>
        </label>
        <label className="field full">
          <span>{t('workshop.recommendation')}</span>
          <textarea rows={3} maxLength={500} value={draft.text} onChange={(e) => setDraft({ ...draft, text: e.target.value })} placeholder={t('workshop.recommendationPlaceholder')} />
        </label>
      </CheckedForm>
    </section>
  )
}
