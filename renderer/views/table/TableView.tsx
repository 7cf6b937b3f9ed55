import { useVirtualizer } from '@tanstack/react-virtual'
import { useDeferredValue, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { actionMatcher, isOverdue, isoDay, NO_FILTER, sortActions, type ActionFilter, type PlanView, type Sort, type SortKey } from '../../../shared/index.js'
import { hrefFor } from '../../app/route.js'
import { TableFilters } from './TableFilters.js'

const ROW_HEIGHT = 44
const COLUMNS: SortKey[] = ['title', 'area', 'status', 'owner', 'due', 'progress']

/** Every action, sortable and filterable; rows are virtualized so thousands stay responsive. */
export const TableView = ({ planId, plan }: { planId: string; plan: PlanView }) => {
  const { t, i18n } = useTranslation()
  const [filter, setFilter] = useState<ActionFilter>(NO_FILTER)
  const [sort, setSort] = useState<Sort>({ key: 'area', direction: 'asc' })
  const deferredFilter = useDeferredValue(filter)
  const today = isoDay(new Date())
  const areaTitles = useMemo(() => new Map(plan.areas.map((a) => [a.id, a.title])), [plan.areas])
  const names = useMemo(() => new Map(plan.stakeholders.map((s) => [s.id, s.name])), [plan.stakeholders])
  // Sorted once per plan and order; a keystroke only filters the sorted list.
  const sorted = useMemo(() => sortActions(plan, plan.actions, sort), [plan, sort])
  const rows = useMemo(() => sorted.filter(actionMatcher(plan, deferredFilter, today)), [sorted, plan, deferredFilter, today])
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 })

  const toggleSort = (key: SortKey) =>
    setSort((s) => ({ key, direction: s.key === key && s.direction === 'asc' ? 'desc' : 'asc' }))
  const ariaSort = (key: SortKey) => (sort.key === key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none')

  return (
    <section className="table-view" aria-labelledby="table-heading">
      <h2 id="table-heading" className="sr-only">
        {t('table.heading')}
      </h2>
      <TableFilters plan={plan} filter={filter} onChange={setFilter} />
      <p className="muted" aria-live="polite" data-testid="table-count">
        {t('table.shown', { shown: rows.length, total: plan.actions.length })}
      </p>
      <div role="table" aria-rowcount={rows.length + 1} className="action-table" aria-labelledby="table-heading">
        <div role="rowgroup">
          <div role="row" className="table-row table-head">
            {COLUMNS.map((key) => (
              <div role="columnheader" key={key} aria-sort={ariaSort(key)} className={`cell cell-${key}`}>
                <button type="button" onClick={() => toggleSort(key)} aria-label={t('table.sortBy', { column: t(`columns.${key}`) })}>
                  {t(`columns.${key}`)} {sort.key === key ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                </button>
              </div>
            ))}
          </div>
        </div>
        <div ref={scroller} className="table-body" role="rowgroup">
          {rows.length === 0 && <p className="notice empty-table">{t('table.noMatch')}</p>}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const action = rows[item.index]
              if (!action) return null
              const overdue = isOverdue(action, today)
              return (
                <div
                  role="row"
                  key={action.id}
                  aria-rowindex={item.index + 2}
                  className={`table-row${overdue ? ' overdue' : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                >
                  <div role="cell" className="cell cell-title">
                    <a href={hrefFor({ view: 'action', planId, actionId: action.id })}>{action.title}</a>
                    {action.invalid.length > 0 && <span className="badge invalid" title={action.invalid.map((i) => i.path).join(', ')}>⚠</span>}
                  </div>
                  <div role="cell" className="cell cell-area">{areaTitles.get(action.areaId) ?? ''}</div>
                  <div role="cell" className="cell cell-status">
                    <span className={`badge status-${action.status}`}>{t(`status.${action.status}`)}</span>
                  </div>
                  <div role="cell" className="cell cell-owner">{action.owners.map((id) => names.get(id) ?? id).join(', ')}</div>
                  <div role="cell" className={`cell cell-due${overdue ? ' overdue-text' : ''}`}>
                    {action.due ? new Date(`${action.due}T00:00:00`).toLocaleDateString(i18n.language, { dateStyle: 'medium' }) : '—'}
                    {overdue && <span className="sr-only"> ({t('action.overdue')})</span>}
                  </div>
                  <div role="cell" className="cell cell-progress">{action.progress}%</div>
                </div>
              )
            })}
          </div>
        </div>
      </div>
    </section>
  )
}
