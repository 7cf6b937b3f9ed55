import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { actionMatcher, isoDay, NO_FILTER, sortActions, type ActionFilter, type PlanView, type Sort, type SortKey } from '../../../shared/index.js'
import { TableFilters } from './TableFilters.js'
import { ROW_HEIGHT, ROW_HEIGHT_NARROW, TableRow } from './TableRow.js'
import { useNarrow } from '../../hooks/useNarrow.js'
import { useLocalize } from '../../hooks/useLocalize.js'
import { ExportButtons } from './ExportButtons.js'
import { usePlanAccess } from '../../hooks/usePlanAccess.js'
import { ImportPanel } from './ImportPanel.js'
import type * as Y from 'yjs'

const COLUMNS: SortKey[] = ['title', 'area', 'status', 'owner', 'due', 'progress']

/** Every action, sortable and filterable; rows are virtualized so thousands stay responsive. */
export const TableView = ({ planId, doc, plan, initialFilter }: { planId: string; doc: Y.Doc; plan: PlanView; initialFilter?: Partial<ActionFilter> }) => {
  const { t } = useTranslation()
  const { canEdit } = usePlanAccess()
  const [filter, setFilter] = useState<ActionFilter>({ ...NO_FILTER, ...initialFilter })
  const [sort, setSort] = useState<Sort>({ key: 'area', direction: 'asc' })
  const today = isoDay(new Date())
  const localized = useLocalize(plan.meta)
  const areaTitles = new Map(plan.areas.map((a) => [a.id, localized(a)]))
  const names = useMemo(() => new Map(plan.stakeholders.map((s) => [s.id, s.name])), [plan.stakeholders])
  // Sorted once per plan and order; a keystroke only filters the sorted list.
  const sorted = useMemo(() => sortActions(plan, plan.actions, sort), [plan, sort])
  const rows = useMemo(() => sorted.filter(actionMatcher(plan, filter, today)), [sorted, plan, filter, today])
  const scroller = useRef<HTMLDivElement>(null)
  // On a phone a row stacks its cells, so it is taller; the virtualizer must know.
  const rowHeight = useNarrow() ? ROW_HEIGHT_NARROW : ROW_HEIGHT
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 5 })
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight])

  const toggleSort = (key: SortKey) =>
    setSort((s) => ({ key, direction: s.key === key && s.direction === 'asc' ? 'desc' : 'asc' }))
  const ariaSort = (key: SortKey) => (sort.key === key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none')

  return (
    <section className="table-view" aria-labelledby="table-heading">
      <h2 id="table-heading" className="sr-only">
        {t('table.heading')}
      </h2>
      <TableFilters plan={plan} filter={filter} onChange={setFilter} />
      <ExportButtons plan={plan} />
      {canEdit && <ImportPanel doc={doc} plan={plan} />}
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
              return (
                <TableRow
                  key={action.id}
                  planId={planId}
                  action={action}
                  index={item.index}
                  top={item.start}
                  height={rowHeight}
                  areaTitle={areaTitles.get(action.areaId) ?? ''}
                  planLanguage={plan.meta.language}
                  ownerNames={action.owners.map((id) => names.get(id) ?? id).join(', ')}
                  today={today}
                />
              )
            })}
          </div>
        </div>
      </div>
    </section>
  )
}
