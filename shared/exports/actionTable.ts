import type { PlanView } from '../read.js'
import type { Indicator } from '../schema.js'
import { localize } from '../translations.js'

/** The columns of an action export, in order: every field a person sets, and the id to match on re-import. */
export const EXPORT_COLUMNS = [
  'area', 'title', 'origin', 'status', 'progress', 'owners', 'partners', 'countries', 'start', 'due', 'priority', 'pillar', 'summary', 'indicators', 'id',
] as const
export type ExportColumn = (typeof EXPORT_COLUMNS)[number]

/** The catalogue key of each column's heading: the action form's own labels, so an export reads like the action. */
export const EXPORT_HEADING_KEYS: Record<ExportColumn, string> = {
  area: 'action.area', title: 'action.title', origin: 'action.origin', status: 'action.status', progress: 'action.progress', owners: 'action.owners',
  partners: 'action.partners', countries: 'action.countries', start: 'action.start', due: 'action.due', priority: 'action.priority', pillar: 'action.pillar',
  summary: 'action.description', indicators: 'action.indicators', id: 'exports.id',
}

/** How an indicator cell writes a measure that has no value. */
export const NO_VALUE = '–'

/** A cell: text, a number, or a calendar day (`YYYY-MM-DD`) that a spreadsheet should hold as a date. */
export type ExportCell = string | number | { day: string } | null

/** How codes read in the exporter's language (status `in_progress` → "In progress"). */
export interface ExportLabels {
  language: string
  code: (kind: 'status' | 'origin' | 'priority' | 'pillar', value: string) => string
}

export interface ExportSheet {
  areaId: string
  /** The area's title in the exporter's language. */
  title: string
  rows: Record<ExportColumn, ExportCell>[]
}

const measure = (value: number | null): string => (value === null ? NO_VALUE : String(value))
/** An indicator in one cell, `label [unit]: baseline / current / target`, read back by `parseIndicators`. */
const indicatorText = (i: Indicator): string => `${i.label}${i.unit ? ` [${i.unit}]` : ''}: ${measure(i.baseline)} / ${measure(i.current)} / ${measure(i.target)}`

/** The plan's actions, one sheet per area in board order, each cell as a person reads it. */
export const actionSheets = (plan: PlanView, labels: ExportLabels): ExportSheet[] => {
  const names = new Map(plan.stakeholders.map((s) => [s.id, s.name]))
  const text = (entity: Parameters<typeof localize>[0], field: 'title' | 'summary' | 'description') => localize(entity, field, labels.language, plan.meta.language).text
  return plan.areas.map((area) => ({
    areaId: area.id,
    title: text(area, 'title'),
    rows: plan.actions
      .filter((a) => a.areaId === area.id)
      .map((a) => ({
        area: text(area, 'title'),
        title: text(a, 'title'),
        origin: labels.code('origin', a.origin),
        status: labels.code('status', a.status),
        progress: a.progress,
        owners: a.owners.map((id) => names.get(id) ?? id).join('; '),
        partners: a.partners.map((id) => names.get(id) ?? id).join('; '),
        countries: a.countries.join('; '),
        start: a.start ? { day: a.start } : null,
        due: a.due ? { day: a.due } : null,
        priority: a.priority ? labels.code('priority', a.priority) : null,
        pillar: a.pillar ? labels.code('pillar', a.pillar) : null,
        summary: text(a, 'summary'),
        indicators: a.indicators.map(indicatorText).join('; '),
        id: a.id,
      })),
  }))
}

/**
 * A spreadsheet treats text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
 * as a formula: a title typed by anyone in the plan could run one on the coordinator's
 * computer. Such text gets a leading apostrophe, which spreadsheets show as text.
 */
export const neutralize = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text)

const csvField = (cell: ExportCell): string => {
  if (cell === null) return ''
  const value = typeof cell === 'number' ? String(cell) : typeof cell === 'string' ? neutralize(cell) : cell.day
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/** RFC 4180 CSV with a byte-order mark (so that spreadsheets read Khmer, Thai and Japanese as UTF-8), CRLF line ends. */
export const toCsv = (headings: readonly string[], rows: readonly (readonly ExportCell[])[]): string =>
  `\uFEFF${[headings.map((h) => csvField(h)), ...rows.map((row) => row.map(csvField))].map((fields) => fields.join(',')).join('\r\n')}\r\n`
