import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { convertCard, mergeCard, moveCard, rewordCard, type CardView, type CommandResult, type PlanView, type Question, type WorkshopView } from '../../../shared/index.js'
import { hrefFor } from '../../app/route.js'
import { useIssueText } from '../../hooks/useIssueText.js'
import { useLocalize } from '../../hooks/useLocalize.js'
import { usePlanAccess } from '../../hooks/usePlanAccess.js'

const CARD_TYPE = 'application/x-jointplan-card'

/**
 * One recommendation: its wording, who posted it (unless the session is anonymous), the
 * cards merged into it, its votes once revealed, the reader's votes on it, and, for the
 * facilitator, merge, reword and "turn into action".
 */
export const CardItem = ({ card, planId, workshopId, doc, planDoc, plan, workshop, question, myVotes, onVote, onWithdraw }: {
  card: CardView
  planId: string
  workshopId: string
  doc: Y.Doc
  planDoc: Y.Doc
  plan: PlanView
  workshop: WorkshopView
  question: Question
  myVotes: number
  onVote: (() => CommandResult<unknown>) | null
  onWithdraw: (() => CommandResult<unknown>) | null
}) => {
  const { t, i18n } = useTranslation()
  const { canEdit } = usePlanAccess()
  const { resultText } = useIssueText()
  const [error, setError] = useState<string | null>(null)
  const [dropping, setDropping] = useState(false)
  const run = (result: CommandResult<unknown> | undefined) => setError(result ? resultText(result) : null)
  const facilitating = canEdit && !workshop.state.closed
  const others = workshop.cards.filter((c) => c.id !== card.id && c.questionId === card.questionId)
  // On a laptop the facilitator drags one card onto another to merge them; "Merge into" does the same from a keyboard or a phone.
  const dragged = (e: React.DragEvent) => e.dataTransfer.types.includes(CARD_TYPE)
  return (
    <li
      className={`workshop-card${dropping ? ' drop-target' : ''}`}
      data-testid="workshop-card"
      draggable={facilitating}
      onDragStart={(e) => e.dataTransfer.setData(CARD_TYPE, card.id)}
      onDragOver={(e) => {
        if (!facilitating || !dragged(e)) return
        e.preventDefault()
        setDropping(true)
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(e) => {
        setDropping(false)
        const id = e.dataTransfer.getData(CARD_TYPE)
        if (facilitating && id && id !== card.id) run(mergeCard(doc, id, card.id))
      }}
    >
      <p className="card-text" lang={card.lang ?? undefined}>
        {card.text}
        {card.lang && card.lang !== i18n.language && <span className="lang-mark">{card.lang}</span>}
      </p>
      <p className="muted card-meta">
        {card.author ? `${card.author.name}${card.author.org ? ` (${card.author.org})` : ''}` : t('workshop.anonymousAuthor')}
        {card.reworded && ` · ${t(card.consent ? 'workshop.rewordedAgreed' : 'workshop.reworded')}`}
        {card.merged.length > 0 && ` · ${t('workshop.mergedCount', { count: card.merged.length })}`}
      </p>
      {card.merged.length > 0 && (
        <ul className="merged">
          {card.merged.map((m) => (
            <li key={m.id} className="muted">{m.text}</li>
          ))}
        </ul>
      )}
      <div className="card-actions">
        {(workshop.state.revealed || canEdit) && (
          <span className="vote-count" data-testid="vote-count">{t('workshop.votes', { count: card.votes })}</span>
        )}
        {myVotes > 0 && <span className="badge">{t('workshop.myVotes', { count: myVotes })}</span>}
        {onVote && (
          <button type="button" onClick={() => run(onVote())} aria-label={t('workshop.voteFor', { text: card.text })}>
            {t('workshop.vote')}
          </button>
        )}
        {onWithdraw && myVotes > 0 && (
          <button type="button" onClick={() => run(onWithdraw())} aria-label={t('workshop.withdrawFrom', { text: card.text })}>
            {t('workshop.withdraw')}
          </button>
        )}
        {card.actionId && (
          <a href={hrefFor({ view: 'action', planId, actionId: card.actionId })} className="badge open">
            {t('workshop.isAction')}
          </a>
        )}
      </div>
      {facilitating && (
        <details className="card-facilitation">
          <summary>{t('workshop.facilitate')}</summary>
          {others.length > 0 && (
            <label className="field">
              <span>{t('workshop.mergeInto')}</span>
              <select value="" onChange={(e) => e.target.value && run(mergeCard(doc, card.id, e.target.value))}>
                <option value="">—</option>
                {others.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.text.slice(0, 80)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {(workshop.setup?.questions.length ?? 0) > 1 && (
            <label className="field">
              <span>{t('workshop.moveTo')}</span>
              <select value={card.questionId} onChange={(e) => run(moveCard(doc, card.id, e.target.value))}>
                {workshop.setup?.questions.map((q) => (
                  <option key={q.id} value={q.id}>
                    {q.text}
                  </option>
                ))}
              </select>
            </label>
          )}
          <Reword card={card} onSave={(text, consent) => run(rewordCard(doc, card.id, text, consent))} />
          {!card.actionId && <Convert card={card} plan={plan} question={question} onConvert={(input) => run(convertCard(planDoc, doc, workshopId, card.id, input))} />}
        </details>
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
    </li>
  )
}

const Reword = ({ card, onSave }: { card: CardView; onSave: (text: string, consent: boolean) => void }) => {
  const { t } = useTranslation()
  const [text, setText] = useState(card.text)
  const [consent, setConsent] = useState(card.consent)
  return (
    <div className="reword">
      <label className="field full">
        <span>{t('workshop.wording')}</span>
        <textarea rows={2} maxLength={500} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        {t('workshop.consent')}
      </label>
      <button type="button" onClick={() => onSave(text, consent)}>{t('workshop.saveWording')}</button>
    </div>
  )
}

const Convert = ({ card, plan, question, onConvert }: { card: CardView; plan: PlanView; question: Question; onConvert: (input: { areaId: string; title: string }) => void }) => {
  const { t } = useTranslation()
  const localized = useLocalize(plan.meta)
  const [areaId, setAreaId] = useState(question.areaId ?? plan.areas[0]?.id ?? '')
  const [title, setTitle] = useState(card.text.slice(0, 200))
  return (
    <div className="convert">
      <label className="field">
        <span>{t('action.area')}</span>
        <select value={areaId} onChange={(e) => setAreaId(e.target.value)}>
          {plan.areas.map((a) => (
            <option key={a.id} value={a.id}>
              {localized(a)}
            </option>
          ))}
        </select>
      </label>
      <label className="field grow">
        <span>{t('workshop.actionTitle')}</span>
        <input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <button type="button" className="primary" onClick={() => onConvert({ areaId, title })}>
        {t('workshop.convert')}
      </button>
    </div>
  )
}
