import type * as Y from 'yjs'
import { z } from 'zod'
import { commandOrigin, mapFromRecord, planMaps, writeFields } from '../layout.js'
import { orderKeyAt } from '../order.js'
import { byOrder } from '../read.js'
import { invalid, notFound, ok, refused, type CommandResult } from '../result.js'
import { AreaPatch, Id, NewArea } from '../schema.js'
import { idFrom, type CommandContext } from './context.js'

/** The live areas' ids and order keys, in board order. */
const liveAreas = (doc: Y.Doc, except?: string): { id: string; order: string }[] => {
  const out: { id: string; order: string }[] = []
  planMaps(doc).areas.forEach((area, id) => {
    if (id !== except && area.get('deleted') !== true) out.push({ id, order: String(area.get('order')) })
  })
  return out.sort(byOrder)
}

const liveArea = (doc: Y.Doc, id: string): Y.Map<unknown> | undefined => {
  const area = planMaps(doc).areas.get(id)
  return area && area.get('deleted') !== true ? area : undefined
}

/** Adds an area at the end of the board. */
export const addArea = (doc: Y.Doc, input: z.input<typeof NewArea>, ctx: CommandContext = {}): CommandResult<{ id: string }> => {
  const parsed = NewArea.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const keys = liveAreas(doc).map((a) => a.order)
  const id = idFrom(ctx)
  doc.transact(() => {
    planMaps(doc).areas.set(id, mapFromRecord({ ...parsed.data, order: orderKeyAt(keys, keys.length) }))
  }, commandOrigin('addArea'))
  return ok({ id })
}

export const updateArea = (doc: Y.Doc, id: string, patch: z.input<typeof AreaPatch>): CommandResult<{ changed: number }> => {
  const parsed = AreaPatch.safeParse(patch)
  if (!parsed.success) return invalid(parsed.error)
  const area = liveArea(doc, id)
  if (!area) return notFound('area', id)
  let changed = 0
  doc.transact(() => {
    changed = writeFields(area, parsed.data)
  }, commandOrigin('updateArea'))
  return ok({ changed })
}

/** Moves an area to `index` among the others (0: first column). */
export const moveArea = (doc: Y.Doc, id: string, index: number): CommandResult<{ order: string }> => {
  const at = z.number().int().min(0).safeParse(index)
  if (!at.success) return invalid(at.error)
  const area = liveArea(doc, id)
  if (!area) return notFound('area', id)
  const order = orderKeyAt(liveAreas(doc, id).map((a) => a.order), at.data)
  doc.transact(() => {
    writeFields(area, { order })
  }, commandOrigin('moveArea'))
  return ok({ order })
}

const Removal = z.union([z.object({ actionsTo: Id }).strict(), z.object({ deleteActions: z.literal(true) }).strict()])
export type AreaRemoval = z.input<typeof Removal>

/**
 * Removes an area. Its actions go to the end of another area, in their order, or are
 * deleted with it (softly, as any action); a plan keeps at least one area.
 */
export const removeArea = (doc: Y.Doc, id: string, removal: AreaRemoval): CommandResult<{ moved: number }> => {
  const parsed = Removal.safeParse(removal)
  if (!parsed.success) return invalid(parsed.error)
  const area = liveArea(doc, id)
  if (!area) return notFound('area', id)
  if (liveAreas(doc, id).length === 0) return refused('areaId', 'a plan keeps at least one area', { key: 'lastArea' })
  const target = 'actionsTo' in parsed.data ? parsed.data.actionsTo : null
  if (target !== null && (target === id || !liveArea(doc, target))) return notFound('area', target)
  const { actions } = planMaps(doc)
  const inArea: { id: string; order: string; map: Y.Map<unknown> }[] = []
  const targetKeys: string[] = []
  actions.forEach((action, actionId) => {
    if (action.get('deleted') === true) return
    if (action.get('areaId') === id) inArea.push({ id: actionId, order: String(action.get('order')), map: action })
    else if (action.get('areaId') === target) targetKeys.push(String(action.get('order')))
  })
  inArea.sort(byOrder)
  targetKeys.sort()
  doc.transact(() => {
    for (const action of inArea) {
      if (target === null) {
        action.map.set('deleted', true)
        continue
      }
      const order = orderKeyAt(targetKeys, targetKeys.length)
      targetKeys.push(order)
      writeFields(action.map, { areaId: target, order })
    }
    area.set('deleted', true)
  }, commandOrigin('removeArea'))
  return ok({ moved: target === null ? 0 : inArea.length })
}
