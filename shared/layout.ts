import * as Y from 'yjs'

/**
 * The Yjs layout of one plan doc (room `plan/<planId>`). Entities are Y.Maps keyed by id so
 * that two people editing different fields of one action both keep their edit. List-valued
 * fields (owners, partners, countries) are plain arrays: the last writer wins, which is
 * what a picker that replaces the selection means.
 */
export interface PlanMaps {
  meta: Y.Map<unknown>
  areas: Y.Map<Y.Map<unknown>>
  stakeholders: Y.Map<Y.Map<unknown>>
  actions: Y.Map<Y.Map<unknown>>
}

export const planMaps = (doc: Y.Doc): PlanMaps => ({
  meta: doc.getMap('meta'),
  areas: doc.getMap('areas'),
  stakeholders: doc.getMap('stakeholders'),
  actions: doc.getMap('actions'),
})

/** Indicators are a Y.Array of Y.Maps inside an action: people add and edit them concurrently. */
export const indicatorArray = (action: Y.Map<unknown>): Y.Array<Y.Map<unknown>> | null => {
  const value = action.get('indicators')
  return value instanceof Y.Array ? (value as Y.Array<Y.Map<unknown>>) : null
}

/** Writes a plain record into a Y.Map, skipping values that did not change (no empty updates). */
export const writeFields = (target: Y.Map<unknown>, fields: Record<string, unknown>): number => {
  let changed = 0
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    if (sameValue(target.get(key), value)) continue
    target.set(key, value)
    changed++
  }
  return changed
}

const sameValue = (a: unknown, b: unknown): boolean =>
  a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]))

export const mapFromRecord = (fields: Record<string, unknown>): Y.Map<unknown> => {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) map.set(key, value)
  return map
}

/** Where a transaction came from, so that storage and fan-out can tell local commands apart. */
export type Origin =
  | { source: 'command'; command: string }
  | { source: 'remote' }

export const commandOrigin = (command: string): Origin => ({ source: 'command', command })
