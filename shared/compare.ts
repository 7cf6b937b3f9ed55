import { canonicalJson } from './canonical.js'
import type { FieldChange } from './history.js'
import type { PlanView } from './read.js'

type ActionRead = PlanView['actions'][number]

/** Fields compared between two states of an action: what a person set, not where it sits or how it was read. */
const NOT_COMPARED = new Set(['id', 'order', 'deleted', 'invalid', 'translations'])

export interface FieldDifference {
  field: string
  before: unknown
  after: unknown
}

export interface PlanDifferences {
  added: ActionRead[]
  removed: ActionRead[]
  changed: { action: ActionRead; fields: FieldDifference[] }[]
}

/** What changed between two states of a plan (a version and another, or now), action by action and field by field. */
export const comparePlans = (before: PlanView, after: PlanView): PlanDifferences => {
  const earlier = new Map(before.actions.map((a) => [a.id, a]))
  const later = new Map(after.actions.map((a) => [a.id, a]))
  const changed: PlanDifferences['changed'] = []
  for (const action of after.actions) {
    const old = earlier.get(action.id)
    if (!old) continue
    const fields = [...new Set([...Object.keys(old), ...Object.keys(action)])]
      .filter((field) => !NOT_COMPARED.has(field))
      .flatMap((field): FieldDifference[] => {
        const was = (old as Record<string, unknown>)[field]
        const now = (action as Record<string, unknown>)[field]
        return canonicalJson(was) === canonicalJson(now) ? [] : [{ field, before: was, after: now }]
      })
    if (fields.length > 0) changed.push({ action, fields })
  }
  return {
    added: after.actions.filter((a) => !earlier.has(a.id)),
    removed: before.actions.filter((a) => !later.has(a.id)),
    changed,
  }
}

/** The key of one field of one action in `authorsByField`; `*` is the action's creation. */
export const fieldKey = (actionId: string, field: string): string => `${actionId}/${field}`

/**
 * Who changed each field of each action over a stretch of the log (the history between two
 * versions): the names beside a comparison, each once, in the order they first changed it.
 */
export const authorsByField = (changes: readonly FieldChange[]): Map<string, NonNullable<FieldChange['author']>[]> => {
  const authors = new Map<string, NonNullable<FieldChange['author']>[]>()
  for (const change of changes) {
    if (change.entity !== 'action' || !change.author || change.overwritten) continue
    const key = fieldKey(change.entityId, change.field)
    const list = authors.get(key) ?? []
    if (!list.some((a) => a.id === change.author?.id)) list.push(change.author)
    authors.set(key, list)
  }
  return authors
}
