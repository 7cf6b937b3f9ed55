import * as Y from 'yjs'
import { z } from 'zod'
import { EXPORT_COLUMNS, NO_VALUE, type ExportColumn } from '../exports/actionTable.js'
import { foldText } from '../filters.js'
import { commandOrigin, mapFromRecord, planMaps } from '../layout.js'
import { orderKeyAt } from '../order.js'
import type { PlanView } from '../read.js'
import { ok, toIssues, type CommandResult, type FieldIssue } from '../result.js'
import { ACTION_DEFAULTS, CountryCode, IsoDate, NewAction, NewIndicator } from '../schema.js'
import { idFrom, type CommandContext } from '../commands/context.js'

/** A cell as a file gives it: text, a number, a calendar day, or a formula (which is refused). */
export type ImportCell = string | number | { day: string } | { formula: string } | null

export interface ImportTable {
  headings: string[]
  rows: ImportCell[][]
}

/** Which column of the file holds each field (an index into the headings), or nothing. */
export type ColumnMapping = Partial<Record<ExportColumn, number>>

/** What the file's words mean: the labels of codes and the headings, in every language the app reads. */
export interface ImportVocabulary {
  /** Folded label or code → code, per kind. */
  codes: Record<'status' | 'origin' | 'priority' | 'pillar', Map<string, string>>
  /** Folded heading → the field it names. */
  headings: Map<string, ExportColumn>
}

/** A refused cell: the file's row number (the heading row is 1), the column's heading, and why. */
export interface RejectedCell {
  row: number
  column: string
  issue: FieldIssue
}

export interface ImportPlan {
  /** New areas, by title, in the order the file first names them. */
  newAreas: string[]
  actions: { area: { id: string } | { newArea: number }; fields: z.output<typeof NewAction> & { indicators: z.output<typeof NewIndicator>[] } }[]
  rejected: RejectedCell[]
}

/** Each field to the column whose heading names it (in any language the vocabulary holds). */
export const guessMapping = (headings: readonly string[], vocabulary: ImportVocabulary): ColumnMapping => {
  const mapping: ColumnMapping = {}
  headings.forEach((heading, index) => {
    const column = vocabulary.headings.get(foldText(heading.trim())) ?? (EXPORT_COLUMNS as readonly string[]).find((c) => c === heading.trim())
    if (column && mapping[column as ExportColumn] === undefined) mapping[column as ExportColumn] = index
  })
  return mapping
}

const issue = (path: string, message: string, key: FieldIssue['rule']['key'] = 'invalid', values?: Record<string, string>): FieldIssue => ({ path, message, rule: values ? { key, values } : { key } })

/** Text as the file wrote it; an export's neutralizing apostrophe (`'=…`) is taken off again. */
const textOf = (cell: ImportCell): string => {
  if (cell === null) return ''
  if (typeof cell === 'number') return String(cell)
  if (typeof cell === 'string') return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell
  if ('day' in cell) return cell.day
  return ''
}

const list = (text: string): string[] => text.split(';').map((part) => part.trim()).filter(Boolean)

const number = (text: string): number | null => {
  const trimmed = text.trim().replace(/%$/, '')
  if (trimmed === '' || trimmed === NO_VALUE) return null
  return Number(trimmed)
}

const INDICATOR = /^(.*?)(?: \[(.*)\])?: (\S+) \/ (\S+) \/ (\S+)$/

/**
 * Reads a file's rows into actions for the plan, checking each cell as the plan's schema
 * does; nothing is written. Unknown organizations are refused (the directory is the
 * plan's); an area the plan lacks is created on import.
 */
export const planImport = (plan: PlanView, table: ImportTable, mapping: ColumnMapping, vocabulary: ImportVocabulary): ImportPlan => {
  const areasByTitle = new Map<string, string>()
  for (const area of plan.areas) {
    areasByTitle.set(foldText(area.title), area.id)
    for (const fields of Object.values(area.translations)) if (fields.title) areasByTitle.set(foldText(fields.title.text), area.id)
  }
  const organizations = new Map(plan.stakeholders.map((s) => [foldText(s.name), s.id]))
  const newAreas: string[] = []
  const rejected: RejectedCell[] = []
  const actions: ImportPlan['actions'] = []

  table.rows.forEach((cells, index) => {
    const row = index + 2
    if (cells.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''))) return
    const refusals: RejectedCell[] = []
    const heading = (column: ExportColumn) => table.headings[mapping[column] ?? -1] ?? column
    const reject = (column: ExportColumn, found: FieldIssue) => refusals.push({ row, column: heading(column), issue: found })
    const cell = (column: ExportColumn): ImportCell => (mapping[column] === undefined ? null : cells[mapping[column]!] ?? null)
    const text = (column: ExportColumn): string => textOf(cell(column)).trim()

    for (const column of EXPORT_COLUMNS) {
      const raw = cell(column)
      if (raw !== null && typeof raw === 'object' && 'formula' in raw) reject(column, issue(column, 'holds a formula; save the values only', 'formula'))
    }
    const code = (column: 'status' | 'origin' | 'priority' | 'pillar'): string | null | undefined => {
      const value = text(column)
      if (value === '') return undefined
      const found = vocabulary.codes[column].get(foldText(value))
      if (!found) reject(column, issue(column, `"${value}" is not a known ${column}`, 'unknownValue', { value }))
      return found
    }
    const day = (column: 'start' | 'due'): string | null => {
      const raw = cell(column)
      const value = raw !== null && typeof raw === 'object' && 'day' in raw ? raw.day : text(column)
      if (value === '') return null
      const parsed = IsoDate.safeParse(value)
      if (!parsed.success) reject(column, issue(column, `"${value}" is not a date as YYYY-MM-DD`, 'date', { value }))
      return parsed.success ? parsed.data : null
    }
    const organizationsIn = (column: 'owners' | 'partners'): string[] =>
      list(text(column)).flatMap((name) => {
        const id = organizations.get(foldText(name))
        if (!id) reject(column, issue(column, `"${name}" is not an organization of the plan`, 'unknownOrganization', { value: name }))
        return id ? [id] : []
      })
    const countries = list(text('countries')).flatMap((value) => {
      const parsed = CountryCode.safeParse(value.toUpperCase())
      if (!parsed.success) reject('countries', issue('countries', `"${value}" is not a country code`, 'country'))
      return parsed.success ? [parsed.data] : []
    })
    const indicators = list(text('indicators')).flatMap((value) => {
      const match = INDICATOR.exec(value)
      const [baseline, current, target] = (match?.slice(3) ?? []).map((m) => number(m ?? ''))
      const parsed = NewIndicator.safeParse({ label: match?.[1], unit: match?.[2] ?? '', baseline, current, target })
      if (!match || !parsed.success) reject('indicators', issue('indicators', `"${value}" is not an indicator as label [unit]: baseline / current / target`, 'indicator', { value }))
      return parsed.success ? [parsed.data] : []
    })
    const areaTitle = text('area')
    const progress = text('progress') === '' ? undefined : number(text('progress'))
    const fields = {
      title: text('title'),
      origin: code('origin'),
      status: code('status'),
      priority: code('priority') ?? null,
      pillar: code('pillar') ?? null,
      progress: progress ?? undefined,
      owners: organizationsIn('owners'),
      partners: organizationsIn('partners'),
      countries,
      start: day('start'),
      due: day('due'),
      summary: text('summary'),
    }
    const parsed = NewAction.safeParse({ ...fields, areaId: 'imported' })
    if (!parsed.success) for (const found of toIssues(parsed.error)) reject(found.path as ExportColumn, found)
    if (areaTitle === '') reject('area', issue('area', 'an action needs an area', 'required'))
    if (refusals.length > 0 || !parsed.success) return void rejected.push(...refusals)
    const known = areasByTitle.get(foldText(areaTitle))
    let area: ImportPlan['actions'][number]['area']
    if (known) area = { id: known }
    else {
      const at = newAreas.findIndex((title) => foldText(title) === foldText(areaTitle))
      area = { newArea: at >= 0 ? at : newAreas.push(areaTitle) - 1 }
    }
    actions.push({ area, fields: { ...parsed.data, indicators } })
  })
  return { newAreas, actions, rejected }
}

const Importable = z.object({ rejected: z.array(z.unknown()).length(0) })

/**
 * Writes a checked import: every new area and action in one transaction, so that the plan
 * gets all of the file or none of it, and the history shows one change by the importer.
 */
export const applyImport = (doc: Y.Doc, planned: ImportPlan, ctx: CommandContext = {}): CommandResult<{ actions: number; areas: number }> => {
  if (!Importable.safeParse(planned).success) return { ok: false, error: { code: 'invalid', message: 'the file has rejected rows', issues: planned.rejected.map((r) => r.issue) } }
  const maps = planMaps(doc)
  doc.transact(() => {
    const areaKeys: string[] = []
    maps.areas.forEach((area) => {
      if (area.get('deleted') !== true) areaKeys.push(String(area.get('order')))
    })
    areaKeys.sort()
    const newAreaIds = planned.newAreas.map((title) => {
      const id = idFrom(ctx)
      const order = orderKeyAt(areaKeys, areaKeys.length)
      areaKeys.push(order)
      maps.areas.set(id, mapFromRecord({ title, description: '', order }))
      return id
    })
    const keysByArea = new Map<string, string[]>()
    maps.actions.forEach((action) => {
      if (action.get('deleted') === true) return
      const areaId = String(action.get('areaId'))
      keysByArea.set(areaId, [...(keysByArea.get(areaId) ?? []), String(action.get('order'))])
    })
    for (const { area, fields } of planned.actions) {
      const areaId = 'id' in area ? area.id : newAreaIds[area.newArea]!
      const keys = (keysByArea.get(areaId) ?? []).sort()
      const order = orderKeyAt(keys, keys.length)
      keysByArea.set(areaId, [...keys, order])
      const indicators = new Y.Array<Y.Map<unknown>>()
      indicators.push(fields.indicators.map((indicator) => mapFromRecord({ id: idFrom(ctx), ...indicator })))
      const stored = Object.fromEntries(
        Object.entries({ ...fields, areaId }).filter(([key, value]) => key !== 'indicators' && JSON.stringify(value) !== JSON.stringify((ACTION_DEFAULTS as Record<string, unknown>)[key])),
      )
      maps.actions.set(idFrom(ctx), mapFromRecord({ ...stored, order, indicators }))
    }
  }, commandOrigin('importActions'))
  return ok({ actions: planned.actions.length, areas: planned.newAreas.length })
}

