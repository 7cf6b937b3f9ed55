import type { DragEvent, KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { isOverdue, type Action, type Read } from '../../../shared/index.js'
import { hrefFor } from '../../app/route.js'
import type { Peer } from '../../hooks/usePresence.js'
import { formatDay } from '../../format.js'

export interface CardMove {
  /** -1/+1 within the area, or to the previous/next area. */
  direction: 'up' | 'down' | 'left' | 'right'
}

export const ActionCard = ({
  planId,
  action,
  ownerNames,
  today,
  viewers,
  onMove,
  onDragStart,
  draggable,
}: {
  planId: string
  action: Read<Action>
  ownerNames: string[]
  today: string
  viewers: Peer[]
  onMove: (actionId: string, move: CardMove) => void
  onDragStart: (event: DragEvent, actionId: string) => void
  draggable: boolean
}) => {
  const { t, i18n } = useTranslation()
  const overdue = isOverdue(action, today)
  const keys: Record<string, CardMove['direction']> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' }
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
        <span className="card-title">{action.title}</span>
      </a>
      <div className="card-meta">
        <span className={`badge status-${action.status}`}>{t(`status.${action.status}`)}</span>
        <span className={`badge origin-${action.origin}`}>{t(`origin.${action.origin}`)}</span>
        {action.invalid.length > 0 && (
          <span className="badge invalid" title={action.invalid.map((i) => `${i.path}: ${i.message}`).join('\n')}>
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
        aria-label={t('board.progressOf', { percent: action.progress })}
      >
        <span style={{ width: `${action.progress}%` }} />
      </div>
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
