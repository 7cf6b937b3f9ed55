import type * as Y from 'yjs'
import { commandOrigin, indicatorArray, mapFromRecord, planMaps, writeFields } from '../layout.js'
import { invalid, notFound, ok, type CommandResult } from '../result.js'
import { IndicatorPatch, NewIndicator } from '../schema.js'
import { idFrom, type CommandContext } from './context.js'

const indicatorsOf = (doc: Y.Doc, actionId: string): Y.Array<Y.Map<unknown>> | null => {
  const action = planMaps(doc).actions.get(actionId)
  return action && action.get('deleted') !== true ? indicatorArray(action) : null
}

const findIndicator = (list: Y.Array<Y.Map<unknown>>, id: string): { index: number; map: Y.Map<unknown> } | null => {
  let found: { index: number; map: Y.Map<unknown> } | null = null
  list.forEach((map, index) => {
    if (!found && map.get('id') === id) found = { index, map }
  })
  return found
}

export const addIndicator = (
  doc: Y.Doc,
  actionId: string,
  input: IndicatorPatch & { label: string },
  ctx: CommandContext = {},
): CommandResult<{ id: string }> => {
  const parsed = NewIndicator.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const list = indicatorsOf(doc, actionId)
  if (!list) return notFound('action', actionId)
  const id = idFrom(ctx)
  doc.transact(() => {
    list.push([mapFromRecord({ id, ...parsed.data })])
  }, commandOrigin('addIndicator'))
  return ok({ id })
}

export const updateIndicator = (
  doc: Y.Doc,
  actionId: string,
  indicatorId: string,
  patch: IndicatorPatch,
): CommandResult<{ changed: number }> => {
  const parsed = IndicatorPatch.safeParse(patch)
  if (!parsed.success) return invalid(parsed.error)
  const list = indicatorsOf(doc, actionId)
  if (!list) return notFound('action', actionId)
  const found = findIndicator(list, indicatorId)
  if (!found) return notFound('indicator', indicatorId)
  let changed = 0
  doc.transact(() => {
    changed = writeFields(found.map, parsed.data)
  }, commandOrigin('updateIndicator'))
  return ok({ changed })
}

export const removeIndicator = (doc: Y.Doc, actionId: string, indicatorId: string): CommandResult<{ id: string }> => {
  const list = indicatorsOf(doc, actionId)
  if (!list) return notFound('action', actionId)
  const found = findIndicator(list, indicatorId)
  if (!found) return notFound('indicator', indicatorId)
  doc.transact(() => {
    list.delete(found.index, 1)
  }, commandOrigin('removeIndicator'))
  return ok({ id: indicatorId })
}
