import { useMemo, useState, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { addArea, isoDay, moveAction, rollupByArea, TRANSLATABLE, type Action, type PlanView, type Read } from '../../../shared/index.js'
import { usePlanAccess } from '../../hooks/usePlanAccess.js'
import type { Peer } from '../../hooks/usePresence.js'
import { ActionCard, type CardMove } from './ActionCard.js'
import { AddActionForm } from './AddActionForm.js'
import { LocalizedText } from '../../components/LocalizedText.js'
import { useLocalize } from '../../hooks/useLocalize.js'
import { TranslationsPanel } from '../../components/TranslationsPanel.js'
import { useIssueText } from '../../hooks/useIssueText.js'
import { AddAreaForm, AreaControls } from './AreaControls.js'

const DRAG_TYPE = 'application/x-jointplan-action'
/** Cards per column before "show more": a column of a thousand cards is for the table, not the board. */
const PAGE = 50

/** Where in a column a drop lands: before the first card whose middle is below the pointer. */
const dropIndex = (list: HTMLElement, clientY: number, dragged: string): number => {
  const cards = [...list.querySelectorAll<HTMLElement>('[data-action-id]')].filter((c) => c.dataset.actionId !== dragged)
  const index = cards.findIndex((card) => {
    const box = card.getBoundingClientRect()
    return clientY < box.top + box.height / 2
  })
  return index === -1 ? cards.length : index
}

const focusCard = (actionId: string) =>
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-action-id="${actionId}"] .card-link`)?.focus())

/** The areas as columns of action cards; cards move by drag and drop or Alt + arrow keys. */
export const BoardView = ({ planId, doc, plan, peers }: { planId: string; doc: Y.Doc; plan: PlanView; peers: Peer[] }) => {
  const { t, i18n } = useTranslation()
  const { canEdit } = usePlanAccess()
  const localized = useLocalize(plan.meta)
  const { resultText } = useIssueText()
  const areaChoices = plan.areas.map((a) => ({ id: a.id, title: localized(a) }))
  const [announcement, setAnnouncement] = useState('')
  const [shown, setShown] = useState<Record<string, number>>({})
  const today = isoDay(new Date())
  const rollups = useMemo(() => new Map(rollupByArea(plan, today).map((r) => [r.key, r])), [plan, today])
  const names = useMemo(() => new Map(plan.stakeholders.map((s) => [s.id, s.name])), [plan.stakeholders])
  const byArea = useMemo(() => {
    const groups = new Map<string, Read<Action>[]>(plan.areas.map((a) => [a.id, []]))
    for (const action of plan.actions) groups.get(action.areaId)?.push(action)
    return groups
  }, [plan])

  const move = (actionId: string, areaId: string, index: number) => {
    const result = moveAction(doc, actionId, { areaId, index })
    if (!result.ok) return
    const title = plan.actions.find((a) => a.id === actionId)?.title ?? ''
    const area = plan.areas.find((a) => a.id === areaId)?.title ?? ''
    setAnnouncement(t('board.moved', { title, area, position: index + 1 }))
    focusCard(actionId)
  }

  const onKeyboardMove = (actionId: string, request: CardMove) => {
    if (!canEdit) return
    const action = plan.actions.find((a) => a.id === actionId)
    if (!action) return
    if ('areaId' in request) {
      if (request.areaId !== action.areaId) move(actionId, request.areaId, byArea.get(request.areaId)?.length ?? 0)
      return
    }
    const { direction } = request
    const areaIndex = plan.areas.findIndex((a) => a.id === action.areaId)
    const siblings = byArea.get(action.areaId) ?? []
    const position = siblings.findIndex((a) => a.id === actionId)
    if (direction === 'up' && position > 0) move(actionId, action.areaId, position - 1)
    if (direction === 'down' && position < siblings.length - 1) {
      setShown((s) => ({ ...s, [action.areaId]: Math.max(s[action.areaId] ?? PAGE, position + 2) }))
      move(actionId, action.areaId, position + 1)
    }
    const target = plan.areas[areaIndex + (direction === 'left' ? -1 : 1)]
    if ((direction === 'left' || direction === 'right') && target) {
      move(actionId, target.id, Math.min(position, byArea.get(target.id)?.length ?? 0))
    }
  }

  const onDragStart = (event: DragEvent, actionId: string) => {
    event.dataTransfer.setData(DRAG_TYPE, actionId)
    event.dataTransfer.setData('text/plain', actionId)
    event.dataTransfer.effectAllowed = 'move'
  }

  const onDrop = (event: DragEvent<HTMLElement>, areaId: string) => {
    const actionId = event.dataTransfer.getData(DRAG_TYPE) || event.dataTransfer.getData('text/plain')
    if (!actionId) return
    event.preventDefault()
    move(actionId, areaId, dropIndex(event.currentTarget, event.clientY, actionId))
  }

  return (
    <>
    {canEdit && i18n.language !== plan.meta.language && (
      <TranslationsPanel
        doc={doc}
        planLanguage={plan.meta.language}
        items={[
          { key: 'plan', heading: t('translation.planText'), target: { kind: 'plan' }, entity: plan.meta, fields: TRANSLATABLE.plan },
          ...plan.areas.map((area) => ({ key: area.id, heading: localized(area), target: { kind: 'area', id: area.id } as const, entity: area, fields: TRANSLATABLE.area })),
        ]}
      />
    )}
    {canEdit && plan.areas.length <= 1 && <p className="muted board-hint">{t('area.hint')}</p>}
    <div className="board">
      <p id="move-help" className="sr-only">
        {t('board.moveHelp')}
      </p>
      <p className="sr-only" aria-live="assertive">
        {announcement}
      </p>
      {plan.areas.map((area, index) => {
        const actions = byArea.get(area.id) ?? []
        const limit = shown[area.id] ?? PAGE
        const rollup = rollups.get(area.id)
        return (
          <section
            key={area.id}
            className="board-column"
            aria-labelledby={`area-${area.id}`}
            onDragOver={(e) => {
              e.preventDefault()
              e.dataTransfer.dropEffect = 'move'
            }}
            onDrop={(e) => onDrop(e, area.id)}
            data-area-id={area.id}
          >
            <header className="column-header">
              <h2 id={`area-${area.id}`}>
                <LocalizedText entity={area} field="title" planLanguage={plan.meta.language} />
              </h2>
              {area.description && (
                <p className="muted area-description">
                  <LocalizedText entity={area} field="description" planLanguage={plan.meta.language} />
                </p>
              )}
              <p className="muted">
                {t('board.actions', { count: actions.length })} · {t('board.progressOf', { percent: (rollup?.progress ?? 0) / 100 })}
              </p>
              {canEdit && <AreaControls doc={doc} area={area} index={index} areas={areaChoices} actionCount={actions.length} />}
            </header>
            {actions.length === 0 && <p className="muted empty-column">{t('board.noActions')}</p>}
            <ul className="card-list">
              {actions.slice(0, limit).map((action) => (
                <ActionCard
                  key={action.id}
                  planId={planId}
                  action={action}
                  areas={areaChoices}
                  planLanguage={plan.meta.language}
                  ownerNames={action.owners.map((id) => names.get(id) ?? id)}
                  today={today}
                  viewers={peers.filter((p) => p.presence.viewing === action.id)}
                  onMove={onKeyboardMove}
                  onDragStart={onDragStart}
                  draggable={canEdit}
                />
              ))}
            </ul>
            {actions.length > limit && (
              <button type="button" className="show-more" onClick={() => setShown({ ...shown, [area.id]: limit + PAGE })}>
                {t('board.showMore', { count: Math.min(PAGE, actions.length - limit), hidden: actions.length - limit })}
              </button>
            )}
            {canEdit && <AddActionForm doc={doc} areaId={area.id} areaTitle={localized(area)} />}
          </section>
        )
      })}
      {canEdit && <AddAreaForm onAdd={(title) => resultText(addArea(doc, { title }))} />}
    </div>
    </>
  )
}
