import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { setWorkshopState, type WorkshopView } from '../../../shared/index.js'
import { useIssueText } from '../../hooks/useIssueText.js'
import { EditWorkshopForm } from './EditWorkshopForm.js'
import { JoinCodePanel } from './JoinCodePanel.js'

/** The facilitator's controls: the room's join code, the timer, voting, revealing results, changing and closing the session. */
export const FacilitatorBar = ({ planId, workshopId, planDoc, doc, workshop }: { planId: string; workshopId: string; planDoc: Y.Doc; doc: Y.Doc; workshop: WorkshopView }) => {
  const { t } = useTranslation()
  const { resultText } = useIssueText()
  const [segment, setSegment] = useState(String(workshop.state.segment?.index ?? 0))
  const [error, setError] = useState<string | null>(null)
  const { state, setup } = workshop
  if (state.closed) return null
  const set = (patch: Parameters<typeof setWorkshopState>[1]) => setError(resultText(setWorkshopState(doc, patch)))
  return (
    <section className="card-panel facilitator" aria-labelledby="facilitator-heading">
      <h3 id="facilitator-heading">{t('workshop.facilitator')}</h3>
      <JoinCodePanel planId={planId} workshopId={workshopId} />
      {setup && setup.agenda.length > 0 && (
        <div className="row">
          <label className="field">
            <span>{t('workshop.segment')}</span>
            <select value={segment} onChange={(e) => setSegment(e.target.value)}>
              {setup.agenda.map((s, i) => (
                <option key={s.id} value={i}>
                  {s.title} ({t('workshop.minutes', { count: s.minutes })})
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => set({ segment: { index: Number(segment), startedAt: Date.now() } })}>{t('workshop.startTimer')}</button>
          {state.segment && <button type="button" onClick={() => set({ segment: null })}>{t('workshop.stopTimer')}</button>}
        </div>
      )}
      <div className="row">
        <button type="button" className={state.voting ? undefined : 'primary'} onClick={() => set({ voting: !state.voting })}>
          {t(state.voting ? 'workshop.endVoting' : 'workshop.startVoting')}
        </button>
        <label className="checkbox">
          <input type="checkbox" checked={state.revealed} onChange={(e) => set({ revealed: e.target.checked })} />
          {t('workshop.reveal')}
        </label>
        <button type="button" className="danger" onClick={() => window.confirm(t('workshop.closeConfirm')) && set({ closed: true, voting: false })}>
          {t('workshop.close')}
        </button>
      </div>
      {error && <p className="field-error" role="alert">{error}</p>}
      <EditWorkshopForm planDoc={planDoc} workshopId={workshopId} doc={doc} workshop={workshop} />
    </section>
  )
}
