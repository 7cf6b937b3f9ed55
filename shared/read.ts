import type * as Y from 'yjs'
import type { z } from 'zod'
import { planMaps } from './layout.js'
import { toIssues, type FieldIssue } from './result.js'
import { ACTION_DEFAULTS, Action, Area, PlanMeta, Stakeholder, SCHEMA_VERSION } from './schema.js'

/** An entity as read from the doc: parsed values, and the fields that failed and were replaced. */
export type Read<T> = T & { readonly invalid: readonly FieldIssue[] }

/** An entry so broken (not an object, a bad id) that no field of it can be shown. */
export interface Unreadable {
  collection: string
  id: string
  issues: FieldIssue[]
}

/**
 * Parses a raw record; a field that fails is replaced by its fallback and reported, so that
 * one bad value written by an old or hostile client marks one field, never the whole view.
 */
export const readEntity = <S extends z.ZodType<object>>(
  schema: S,
  raw: unknown,
  fallback: Record<string, unknown>,
): Read<z.output<S>> | FieldIssue[] => {
  const first = schema.safeParse(raw)
  if (first.success) return { ...first.data, invalid: [] }
  if (typeof raw !== 'object' || raw === null) return [{ path: '', message: 'is not a record' }]
  const invalid = toIssues(first.error)
  const badFields = new Set(invalid.map((issue) => issue.path.split('.')[0] ?? ''))
  const repaired: Record<string, unknown> = { ...raw }
  for (const field of badFields) repaired[field] = fallback[field]
  const second = schema.safeParse(repaired)
  return second.success ? { ...second.data, invalid } : invalid
}

export interface PlanView {
  meta: Read<PlanMeta>
  areas: Read<Area>[]
  stakeholders: Read<Stakeholder>[]
  /** Live actions (not deleted), by area order then position within the area. */
  actions: Read<Action>[]
  unreadable: Unreadable[]
}

const metaFallback = { schema: SCHEMA_VERSION, title: 'Untitled plan', summary: '', countries: [], createdAt: new Date(0).toISOString() }
const areaFallback = { title: 'Untitled area', order: 'a0', description: '' }
const stakeholderFallback = { name: 'Unnamed organization', kind: 'other', country: null }
const actionFallback = { ...ACTION_DEFAULTS, title: 'Untitled action', order: 'a0' }

export const byOrder = (a: { order: string; id: string }, b: { order: string; id: string }): number =>
  a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

const readCollection = <S extends z.ZodType<object>>(
  collection: string,
  map: Y.Map<Y.Map<unknown>>,
  schema: S,
  fallback: Record<string, unknown>,
  unreadable: Unreadable[],
): Read<z.output<S>>[] => {
  const out: Read<z.output<S>>[] = []
  map.forEach((entry, id) => {
    const raw = typeof entry?.toJSON === 'function' ? { ...entry.toJSON(), id } : entry
    const read = readEntity(schema, raw, { ...fallback, id })
    if (Array.isArray(read)) unreadable.push({ collection, id, issues: read })
    else out.push(read)
  })
  return out
}

export const readMeta = (doc: Y.Doc): Read<PlanMeta> => {
  const read = readEntity(PlanMeta, planMaps(doc).meta.toJSON(), metaFallback)
  return Array.isArray(read) ? { ...PlanMeta.parse(metaFallback), invalid: read } : read
}

export const readPlan = (doc: Y.Doc): PlanView => {
  const maps = planMaps(doc)
  const unreadable: Unreadable[] = []
  const areas = readCollection('areas', maps.areas, Area, areaFallback, unreadable).sort(byOrder)
  const stakeholders = readCollection('stakeholders', maps.stakeholders, Stakeholder, stakeholderFallback, unreadable)
    .sort((a, b) => a.name.localeCompare(b.name))
  const areaRank = new Map(areas.map((area, i) => [area.id, i]))
  const actions = readCollection('actions', maps.actions, Action, actionFallback, unreadable)
    .filter((action) => !action.deleted)
    .sort((a, b) => (areaRank.get(a.areaId) ?? areas.length) - (areaRank.get(b.areaId) ?? areas.length) || byOrder(a, b))
  return { meta: readMeta(doc), areas, stakeholders, actions, unreadable }
}

/** One action through its schema (for a detail view); null when it does not exist or is deleted. */
export const readAction = (doc: Y.Doc, id: string): Read<Action> | null => {
  const entry = planMaps(doc).actions.get(id)
  if (!entry) return null
  const read = readEntity(Action, { ...entry.toJSON(), id }, { ...actionFallback, id })
  return Array.isArray(read) || read.deleted ? null : read
}
