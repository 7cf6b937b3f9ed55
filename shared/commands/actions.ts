import * as Y from 'yjs'
import { commandOrigin, mapFromRecord, planMaps, writeFields } from '../layout.js'
import { orderKeyAt } from '../order.js'
import { byOrder } from '../read.js'
import { invalid, notFound, ok, type CommandResult } from '../result.js'
import { ACTION_DEFAULTS, Action, ActionPatch, Id, NewAction, type ActionStatus, type ActionPatch as Patch, type NewAction as NewActionInput } from '../schema.js'
import { idFrom, type CommandContext } from './context.js'
import { z } from 'zod'

/** Order keys of the live actions in one area, sorted, leaving out `except`. */
const orderKeysInArea = (doc: Y.Doc, areaId: string, except?: string): string[] => {
  const entries: { id: string; order: string }[] = []
  planMaps(doc).actions.forEach((action, id) => {
    if (id === except || action.get('areaId') !== areaId || action.get('deleted') === true) return
    entries.push({ id, order: String(action.get('order')) })
  })
  return entries.sort(byOrder).map((e) => e.order)
}

const areaExists = (doc: Y.Doc, areaId: string): boolean => planMaps(doc).areas.has(areaId)

/**
 * Fields equal to their default are not written: readers fill them in from the schema, and
 * a 5,000-action plan is a third smaller in memory, on the wire and on disk.
 */
const withoutDefaults = (fields: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(fields).filter(([key, value]) => {
      const fallback = (ACTION_DEFAULTS as Record<string, unknown>)[key]
      if (fallback === undefined) return true
      return Array.isArray(fallback) ? !(Array.isArray(value) && value.length === 0) : value !== fallback
    }),
  )

/** Adds an action at the end of its area (or at `index`). */
export const addAction = (
  doc: Y.Doc,
  input: NewActionInput,
  ctx: CommandContext & { index?: number } = {},
): CommandResult<{ id: string }> => {
  const parsed = NewAction.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  if (!areaExists(doc, parsed.data.areaId)) return notFound('area', parsed.data.areaId)
  const keys = orderKeysInArea(doc, parsed.data.areaId)
  const id = idFrom(ctx)
  doc.transact(() => {
    const order = orderKeyAt(keys, ctx.index ?? keys.length)
    // The indicator list exists from the start: two people adding the first indicator at
    // once must append to one list, not each create their own and lose one.
    const indicators = new Y.Array<Y.Map<unknown>>()
    planMaps(doc).actions.set(id, mapFromRecord({ ...withoutDefaults(parsed.data), order, indicators }))
  }, commandOrigin('addAction'))
  return ok({ id })
}

const liveAction = (doc: Y.Doc, id: string): Y.Map<unknown> | undefined => {
  const action = planMaps(doc).actions.get(id)
  return action && action.get('deleted') !== true ? action : undefined
}

/**
 * Changes fields of an action. The patch is checked together with the fields it leaves as
 * they are, so that a due date before the stored start date is refused.
 */
export const updateAction = (doc: Y.Doc, id: string, patch: Patch): CommandResult<{ changed: number }> => {
  const parsed = ActionPatch.safeParse(patch)
  if (!parsed.success) return invalid(parsed.error)
  const action = liveAction(doc, id)
  if (!action) return notFound('action', id)
  if (parsed.data.areaId !== undefined && !areaExists(doc, parsed.data.areaId)) return notFound('area', parsed.data.areaId)
  const merged = Action.safeParse({ ...action.toJSON(), ...parsed.data, id })
  if (!merged.success) {
    const touched = new Set(Object.keys(parsed.data))
    const relevant = merged.error.issues.filter((issue) => touched.has(String(issue.path[0])))
    if (relevant.length > 0) return invalid(new z.ZodError(relevant))
  }
  let changed = 0
  doc.transact(() => {
    changed = writeFields(action, parsed.data)
  }, commandOrigin('updateAction'))
  return ok({ changed })
}

/** Done means done: marking an action done also completes its progress. */
export const setStatus = (doc: Y.Doc, id: string, status: z.input<typeof ActionStatus>): CommandResult<{ changed: number }> =>
  updateAction(doc, id, status === 'done' ? { status, progress: 100 } : { status })

export const setProgress = (doc: Y.Doc, id: string, progress: number): CommandResult<{ changed: number }> =>
  updateAction(doc, id, { progress })

const MoveTarget = z.object({ areaId: Id, index: z.number().int().min(0) }).strict()

/** Moves an action to `index` among the live actions of `areaId` (its own area to reorder). */
export const moveAction = (doc: Y.Doc, id: string, target: z.input<typeof MoveTarget>): CommandResult<{ order: string }> => {
  const parsed = MoveTarget.safeParse(target)
  if (!parsed.success) return invalid(parsed.error)
  const action = liveAction(doc, id)
  if (!action) return notFound('action', id)
  if (!areaExists(doc, parsed.data.areaId)) return notFound('area', parsed.data.areaId)
  const order = orderKeyAt(orderKeysInArea(doc, parsed.data.areaId, id), parsed.data.index)
  doc.transact(() => {
    writeFields(action, { areaId: parsed.data.areaId, order })
  }, commandOrigin('moveAction'))
  return ok({ order })
}

/**
 * Deletes softly: the action stays in the doc with a flag, so that a concurrent edit of it
 * is not lost and the history can bring it back.
 */
export const deleteAction = (doc: Y.Doc, id: string): CommandResult<{ id: string }> => {
  const action = liveAction(doc, id)
  if (!action) return notFound('action', id)
  doc.transact(() => {
    action.set('deleted', true)
  }, commandOrigin('deleteAction'))
  return ok({ id })
}

export const restoreAction = (doc: Y.Doc, id: string): CommandResult<{ id: string }> => {
  const action = planMaps(doc).actions.get(id)
  if (!action) return notFound('action', id)
  doc.transact(() => {
    writeFields(action, { deleted: false })
  }, commandOrigin('restoreAction'))
  return ok({ id })
}
