import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { isoDay, newId, openWorkshop, readWorkshopList, workshopRoom, type PlanView } from '../../../shared/index.js'
import { hrefFor, navigate } from '../../app/route.js'
import { CheckedForm } from '../../components/CheckedForm.js'
import { formatDay } from '../../format.js'
import { useIssueText } from '../../hooks/useIssueText.js'
import { useLocalize } from '../../hooks/useLocalize.js'
import { usePlanAccess } from '../../hooks/usePlanAccess.js'
import { acquireSession, releaseSession } from '../../sync/sessions.js'
import { parseAgenda } from './agenda.js'
import { SessionNameFields, SessionRulesFields } from './SessionFields.js'

/** The plan's workshop sessions, and for a facilitator the form that opens one. */
export const WorkshopsView = ({ planId, doc, plan }: { planId: string; doc: Y.Doc; plan: PlanView }) => {
  const { t, i18n } = useTranslation()
  const { canEdit } = usePlanAccess()
  const workshops = readWorkshopList(doc)
  return (
    <div className="workshops">
      <section className="card-panel" aria-labelledby="workshops-heading">
        <h2 id="workshops-heading">{t('workshop.heading')}</h2>
        <p className="muted">{t('workshop.help')}</p>
        {workshops.length === 0 ? (
          <p className="muted">{t('workshop.none')}</p>
        ) : (
          <ul className="stakeholder-list">
            {workshops.map((w) => (
              <li key={w.id} className="invite-row">
                <a href={hrefFor({ view: 'workshop', planId, workshopId: w.id, mode: 'room' })}>
                  <strong>{w.title}</strong>
                </a>
                <span className="muted">
                  {formatDay(w.date, i18n.language)}
                  {w.place && ` · ${w.place}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {canEdit && <OpenWorkshopForm planId={planId} doc={doc} plan={plan} />}
    </div>
  )
}

const OpenWorkshopForm = ({ planId, doc, plan }: { planId: string; doc: Y.Doc; plan: PlanView }) => {
  const { t } = useTranslation()
  const localized = useLocalize(plan.meta)
  const { resultText } = useIssueText()
  const [draft, setDraft] = useState({ title: '', date: isoDay(new Date()), place: '', areaIds: plan.areas.map((a) => a.id), extra: '', agenda: '', votes: '3', anonymous: false })
  const [error, setError] = useState<string | null>(null)
  const toggle = (id: string, on: boolean) => setDraft({ ...draft, areaIds: on ? [...draft.areaIds, id] : draft.areaIds.filter((a) => a !== id) })

  const open = async () => {
    const agenda = parseAgenda(draft.agenda)
    if (!agenda.ok) return setError(t('workshop.agendaLine', { line: agenda.line }))
    const questions = [
      ...plan.areas.filter((a) => draft.areaIds.includes(a.id)).map((a) => ({ id: newId(), text: localized(a), areaId: a.id })),
      ...draft.extra.split('\n').map((line) => line.trim()).filter(Boolean).map((text) => ({ id: newId(), text, areaId: null })),
    ]
    const workshopId = newId()
    // The session's doc is opened here to write its setup and held for this visit: the
    // facilitator runs the session from this device, and the setup must reach the server
    // (or wait on the device until it can) whichever page is open.
    const session = acquireSession(workshopRoom(planId, workshopId))
    const opened = openWorkshop(doc, session.doc, {
      title: draft.title, date: draft.date, place: draft.place, questions, agenda: agenda.segments, votesPerPerson: Number(draft.votes), anonymous: draft.anonymous,
    }, { newId: () => workshopId })
    if (!opened.ok) {
      releaseSession(workshopRoom(planId, workshopId))
      return setError(resultText(opened))
    }
    setError(null)
    navigate({ view: 'workshop', planId, workshopId, mode: 'room' })
  }

  return (
    <section className="card-panel" aria-labelledby="open-workshop-heading">
      <h2 id="open-workshop-heading">{t('workshop.open')}</h2>
      <CheckedForm label={t('workshop.open')} submitLabel={t('workshop.openButton')} error={error} onSubmit={open}>
        <SessionNameFields name={draft} change={(patch) => setDraft({ ...draft, ...patch })} titlePlaceholder={t('workshop.titlePlaceholder')} />
        <fieldset className="field full">
          <legend>{t('workshop.questions')}</legend>
          {plan.areas.map((area) => (
            <label key={area.id} className="checkbox">
              <input type="checkbox" checked={draft.areaIds.includes(area.id)} onChange={(e) => toggle(area.id, e.target.checked)} />
              {localized(area)}
            </label>
          ))}
          <label className="field full">
            <span>{t('workshop.extraQuestions')}</span>
            <textarea rows={2} value={draft.extra} onChange={(e) => setDraft({ ...draft, extra: e.target.value })} />
          </label>
        </fieldset>
        <SessionRulesFields rules={draft} change={(patch) => setDraft({ ...draft, ...patch })} />
      </CheckedForm>
    </section>
  )
}
