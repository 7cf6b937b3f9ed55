import type { DragEvent, KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { isOverdue, type Action, type Read } from '../../../shared/index.js'
import { hrefFor } from '../../app/route.js'
import { LabeledSelect } from '../../components/LabeledSelect.js'
import { useIssueText } from '../../hooks/useIssueText.js'
import type { Peer } from '../../hooks/usePresence.js'
import { formatDay } from '../../format.js'
import { LocalizedText } from '../../components/LocalizedText.js'

/** One step within the area or to the previous/next area, or to the end of a chosen area. */
export type CardMove = { direction: 'up' | 'down' | 'left' | 'right' } | { areaId: string }

/**
 * Moving without dragging, for a phone (no drag and drop on touch) or anyone who prefers a
 * control: up, down, or to another area.
 */
const MoveControl = ({ action, areas, onMove }: { action: Read<Action>; areas: { id: string; title: string }[]; onMove: (actionId: string, move: CardMove) => void }) => {
  const { t } = useTranslation()
  return (
    <details className="card-move">
      <summary aria-label={t('board.moveLabel', { title: action.title })}>{t('board.move')}</summary>
      <div className="card-move-controls">
        <button type="button" onClick={() => onMove(action.id, { direction: 'up' })}>↑ {t('board.moveUp')}</button>
        <button type="button" onClick={() => onMove(action.id, { direction: 'down' })}>↓ {t('board.moveDown')}</button>
        <LabeledSelect label={t('board.moveToArea')} value={action.areaId} onChange={(areaId) => onMove(action.id, { areaId })}>
          {areas.map((area) => (
            <option key={area.id} value={area.id}>{area.title}</option>
          ))}
        </LabeledSelect>
      </div>
    </details>
  )
}

export const ActionCard = ({
  planId,
  action,
  areas,
  planLanguage,
  ownerNames,
  today,
  viewers,
  onMove,
  onDragStart,
  draggable,
}: {
  planId: string
  action: Read<Action>
  /** The areas to move to, titled in the reader's language. */
  areas: { id: string; title: string }[]
  planLanguage: string
  ownerNames: string[]
  today: string
  viewers: Peer[]
  onMove: (actionId: string, move: CardMove) => void
  onDragStart: (event: DragEvent, actionId: string) => void
  draggable: boolean
}) => {
  const { t, i18n } = useTranslation()
  const { issueText } = useIssueText()
  const overdue = isOverdue(action, today)
  const keys: Record<string, Extract<CardMove, { direction: unknown }>['direction']> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' }
  const onKeyDown = (event: KeyboardEvent) => {
    const direction = keys[event.key]
    if (!event.altKey || !direction) return
    event.preventDefault()
    onMove(action.id, { direction })
  }
  const due = action.due ? formatDay(action.due, i18n.language) : null
  return (
    <li
      className={`action-card${overdue ? ' overdue' : ''}`}
      draggable={draggable}
      onDragStart={(e) => onDragStart(e, action.id)}
      data-action-id={action.id}
    >
      <a
        href={hrefFor({ view: 'action', planId, actionId: action.id })}
        className="card-link"
        onKeyDown={onKeyDown}
        aria-describedby={draggable ? 'move-help' : undefined}
        data-testid="action-card"
      >
        <span className="card-title">
          <LocalizedText entity={action} field="title" planLanguage={planLanguage} />
        </span>
      </a>
      <div className="card-meta">
        <span className={`badge status-${action.status}`}>{t(`status.${action.status}`)}</span>
        <span className={`badge origin-${action.origin}`}>{t(`origin.${action.origin}`)}</span>
        {action.invalid.length > 0 && (
          <span className="badge invalid" title={action.invalid.map((i) => `${t(`fields.${i.path.split('.')[0]}`, { defaultValue: i.path })}: ${issueText(i)}`).join('\n')}>
            ⚠ {t('board.invalidFields')}
          </span>
        )}
      </div>
      {ownerNames.length > 0 && <p className="card-owners">{ownerNames.join(', ')}</p>}
      <p className={`card-due${overdue ? ' overdue-text' : ''}`}>
        {due ? (overdue ? `${t('action.overdue')} · ${t('action.dueOn', { date: due })}` : t('action.dueOn', { date: due })) : t('action.noDue')}
      </p>
      <div
        className="progress"
        role="progressbar"
        aria-valuenow={action.progress}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label={t('board.progressOf', { percent: action.progress / 100 })}
      >
        <span style={{ width: `${action.progress}%` }} />
      </div>
      {draggable && <MoveControl action={action} areas={areas} onMove={onMove} />}
      {viewers.length > 0 && (
        <ul className="card-viewers" aria-label={t('presence.heading')}>
          {viewers.map((v) => (
            <li key={v.clientId} style={{ background: v.presence.user.color }} title={v.presence.user.name}>
              {[...v.presence.user.name][0]}
            </li>
          ))}
        </ul>
      )}
    </li>
  )
}
