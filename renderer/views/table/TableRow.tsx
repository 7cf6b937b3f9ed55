import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import { isOverdue, type Action, type Read } from '../../../shared/index.js'
import { hrefFor } from '../../app/route.js'
import { formatDay, formatPercent } from '../../format.js'
import { LocalizedText } from '../../components/LocalizedText.js'

export const ROW_HEIGHT = 44
export const ROW_HEIGHT_NARROW = 112

interface RowProps {
  planId: string
  action: Read<Action>
  /** Position among the shown rows: the header is row 1. */
  index: number
  top: number
  height: number
  areaTitle: string
  planLanguage: string
  ownerNames: string
  today: string
}

/**
 * One action's row. Memoized: a keystroke in the search box renders the table twice (the
 * box at once, the filtered rows deferred), and rows whose action and place did not change
 * are left as they are.
 */
export const TableRow = memo(function TableRow({ planId, action, index, top, height, areaTitle, planLanguage, ownerNames, today }: RowProps) {
  const { t, i18n } = useTranslation()
  const overdue = isOverdue(action, today)
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={`table-row${overdue ? ' overdue' : ''}`}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, height, transform: `translateY(${top}px)` }}
    >
      <div role="cell" className="cell cell-title">
        <a href={hrefFor({ view: 'action', planId, actionId: action.id })}>
          <LocalizedText entity={action} field="title" planLanguage={planLanguage} />
        </a>
        {action.invalid.length > 0 && <span className="badge invalid" title={action.invalid.map((i) => i.path).join(', ')}>⚠</span>}
      </div>
      <div role="cell" className="cell cell-area">{areaTitle}</div>
      <div role="cell" className="cell cell-status">
        <span className={`badge status-${action.status}`}>{t(`status.${action.status}`)}</span>
      </div>
      <div role="cell" className="cell cell-owner">{ownerNames}</div>
      <div role="cell" className={`cell cell-due${overdue ? ' overdue-text' : ''}`}>
        {action.due ? formatDay(action.due, i18n.language) : '—'}
        {overdue && <span className="sr-only"> ({t('action.overdue')})</span>}
      </div>
      <div role="cell" className="cell cell-progress">{formatPercent(action.progress, i18n.language)}</div>
    </div>
  )
})
