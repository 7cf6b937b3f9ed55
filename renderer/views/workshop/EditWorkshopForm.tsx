import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { newId, updateWorkshopSetup, type Question, type WorkshopView } from '../../../shared/index.js'
import { CheckedForm } from '../../components/CheckedForm.js'
import { useIssueText } from '../../hooks/useIssueText.js'
import { formatAgenda, parseAgenda } from './agenda.js'
import { SessionNameFields, SessionRulesFields } from './SessionFields.js'

/**
 * The facilitator changes a running session: its title, date and place (the plan's list of
 * sessions follows), its questions (one that holds cards stays), the agenda, the votes each
 * person has and whether names are shown.
 */
export const EditWorkshopForm = ({ planDoc, workshopId, doc, workshop }: { planDoc: Y.Doc; workshopId: string; doc: Y.Doc; workshop: WorkshopView }) => {
  const { t } = useTranslation()
  const { resultText } = useIssueText()
  const setup = workshop.setup
  const [draft, setDraft] = useState(() => ({
    title: setup?.title ?? '',
    date: setup?.date ?? '',
    place: setup?.place ?? '',
    questions: setup?.questions ?? [],
    extra: '',
    agenda: formatAgenda(setup?.agenda ?? []),
    votes: String(setup?.votesPerPerson ?? 3),
    anonymous: setup?.anonymous ?? false,
  }))
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  if (!setup) return null
  const cardsUnder = (question: Question) => workshop.cards.filter((c) => c.questionId === question.id).length
  const setQuestion = (id: string, text: string) => setDraft({ ...draft, questions: draft.questions.map((q) => (q.id === id ? { ...q, text } : q)) })

  const save = async () => {
    setSaved(false)
    const agenda = parseAgenda(draft.agenda, setup.agenda)
    if (!agenda.ok) return setError(t('workshop.agendaLine', { line: agenda.line }))
    const added = draft.extra.split('\n').map((line) => line.trim()).filter(Boolean).map((text) => ({ id: newId(), text, areaId: null }))
    const result = updateWorkshopSetup(
      doc,
      { title: draft.title, date: draft.date, place: draft.place, questions: [...draft.questions, ...added], agenda: agenda.segments, votesPerPerson: Number(draft.votes), anonymous: draft.anonymous },
      { planDoc, workshopId },
    )
    setError(resultText(result))
    if (!result.ok) return
    setDraft({ ...draft, questions: [...draft.questions, ...added], extra: '' })
    setSaved(true)
  }

  return (
    <details className="edit-workshop">
      <summary>{t('workshop.edit')}</summary>
      <CheckedForm label={t('workshop.edit')} submitLabel={t('workshop.saveChanges')} error={error} onSubmit={save}>
        <SessionNameFields name={draft} change={(patch) => setDraft({ ...draft, ...patch })} />
        <fieldset className="field full">
          <legend>{t('workshop.questions')}</legend>
          {draft.questions.map((question, i) => {
            const cards = cardsUnder(question)
            return (
              <div key={question.id} className="row">
                <label className="field grow">
                  <span>{t('workshop.questionNumber', { number: i + 1 })}</span>
                  <input value={question.text} onChange={(e) => setQuestion(question.id, e.target.value)} />
                </label>
                {cards > 0 ? (
                  <span className="muted">{t('workshop.holdsCards', { count: cards })}</span>
                ) : (
                  <button type="button" className="danger" disabled={draft.questions.length === 1} onClick={() => setDraft({ ...draft, questions: draft.questions.filter((q) => q.id !== question.id) })}>
                    {t('workshop.removeQuestion', { number: i + 1 })}
                  </button>
                )}
              </div>
            )
          })}
          <label className="field full">
            <span>{t('workshop.addQuestion')}</span>
            <textarea rows={2} value={draft.extra} onChange={(e) => setDraft({ ...draft, extra: e.target.value })} />
          </label>
        </fieldset>
        <SessionRulesFields rules={draft} change={(patch) => setDraft({ ...draft, ...patch })} />
      </CheckedForm>
      {saved && !error && <p role="status" className="muted">{t('workshop.savedChanges')}</p>}
    </details>
  )
}
