import type * as Y from 'yjs'
import type { z } from 'zod'
import { planMaps } from './layout.js'
import { toIssues, type FieldIssue } from './result.js'
import { translationsOf, type Translations } from './translations.js'
import { ACTION_DEFAULTS, Action, Area, PlanMeta, Stakeholder, SCHEMA_VERSION } from './schema.js'

/** An entity as read from the doc: parsed values, the fields that failed and were replaced, and its translations. */
export type Read<T> = T & { readonly invalid: readonly FieldIssue[]; readonly translations: Translations }

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
  if (first.success) return { ...first.data, invalid: [], translations: translationsOf(raw) }
  if (typeof raw !== 'object' || raw === null) return [{ path: '', message: 'is not a record', rule: { key: 'invalid' } }]
  const invalid = toIssues(first.error)
  const badFields = new Set(invalid.map((issue) => issue.path.split('.')[0] ?? ''))
  const repaired: Record<string, unknown> = { ...raw }
  for (const field of badFields) repaired[field] = fallback[field]
  const second = schema.safeParse(repaired)
  return second.success ? { ...second.data, invalid, translations: translationsOf(raw) } : invalid
}

export interface PlanView {
  meta: Read<PlanMeta>
  areas: Read<Area>[]
  stakeholders: Read<Stakeholder>[]
  /** Live actions (not deleted), by area order then position within the area. */
  actions: Read<Action>[]
  unreadable: Unreadable[]
}

const metaFallback = { schema: SCHEMA_VERSION, title: 'Untitled plan', summary: '', countries: [], createdAt: new Date(0).toISOString(), deleted: false }
const areaFallback = { title: 'Untitled area', order: 'a0', description: '' }
const stakeholderFallback = { name: 'Unnamed organization', kind: 'other', country: null }
const actionFallback = { ...ACTION_DEFAULTS, title: 'Untitled action', order: 'a0' }

export const byOrder = (a: { order: string; id: string }, b: { order: string; id: string }): number =>
  a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

export type Collection = 'areas' | 'stakeholders' | 'actions'

const schemas = { areas: Area, stakeholders: Stakeholder, actions: Action } as const
const fallbacks: Record<Collection, Record<string, unknown>> = {
  areas: areaFallback,
  stakeholders: stakeholderFallback,
  actions: actionFallback,
}

export type EntryRead =
  | { ok: true; value: Read<Area> | Read<Stakeholder> | Read<Action> }
  | { ok: false; unreadable: Unreadable }

/** Reads one entry of a collection through its schema. */
export const readEntry = (collection: Collection, id: string, entry: unknown): EntryRead => {
  const raw = entry !== null && typeof entry === 'object' && 'toJSON' in entry && typeof entry.toJSON === 'function'
    ? { ...(entry.toJSON() as object), id }
    : entry
  const read = readEntity(schemas[collection] as z.ZodType<object>, raw, { ...fallbacks[collection], id })
  return Array.isArray(read)
    ? { ok: false, unreadable: { collection, id, issues: read } }
    : { ok: true, value: read as Read<Area> | Read<Stakeholder> | Read<Action> }
}

export const readMeta = (doc: Y.Doc): Read<PlanMeta> => readMetaRecord(planMaps(doc).meta.toJSON())

/** The plan's meta from the plain record a doc's meta map holds (what the server reads without a doc). */
export const readMetaRecord = (record: unknown): Read<PlanMeta> => {
  const read = readEntity(PlanMeta, record, metaFallback)
  return Array.isArray(read) ? { ...PlanMeta.parse(metaFallback), invalid: read, translations: {} } : read
}

/** Orders what was read into a plan view: areas by order, actions by area then order, deleted ones left out. */
export const assemblePlan = (meta: Read<PlanMeta>, reads: Record<Collection, Iterable<EntryRead>>): PlanView => {
  const { areas: areaReads, stakeholders: stakeholderReads, actions: actionReads } = reads
  const unreadable: Unreadable[] = []
  const take = <T>(reads: Iterable<EntryRead>): T[] => {
    const out: T[] = []
    for (const r of reads) {
      if (r.ok) out.push(r.value as T)
      else unreadable.push(r.unreadable)
    }
    return out
  }
  const areas = take<Read<Area>>(areaReads).filter((area) => !area.deleted).sort(byOrder)
  const stakeholders = take<Read<Stakeholder>>(stakeholderReads).sort((a, b) => a.name.localeCompare(b.name))
  const areaRank = new Map(areas.map((area, i) => [area.id, i]))
  const actions = take<Read<Action>>(actionReads)
    .filter((action) => !action.deleted)
    .sort((a, b) => (areaRank.get(a.areaId) ?? areas.length) - (areaRank.get(b.areaId) ?? areas.length) || byOrder(a, b))
  return { meta, areas, stakeholders, actions, unreadable }
}

const readAll = (collection: Collection, map: Y.Map<Y.Map<unknown>>): EntryRead[] => {
  const out: EntryRead[] = []
  map.forEach((entry, id) => out.push(readEntry(collection, id, entry)))
  return out
}

/** Reads the whole plan once. A view that follows a live doc uses `PlanReader`, which re-reads only what changed. */
export const readPlan = (doc: Y.Doc): PlanView => {
  const maps = planMaps(doc)
  return assemblePlan(readMeta(doc), {
    areas: readAll('areas', maps.areas),
    stakeholders: readAll('stakeholders', maps.stakeholders),
    actions: readAll('actions', maps.actions),
  })
}

/** One action through its schema (for a detail view); null when it does not exist or is deleted. */
export const readAction = (doc: Y.Doc, id: string): Read<Action> | null => {
  const entry = planMaps(doc).actions.get(id)
  if (!entry) return null
  const read = readEntity(Action, { ...entry.toJSON(), id }, { ...actionFallback, id })
  return Array.isArray(read) || read.deleted ? null : read
}
