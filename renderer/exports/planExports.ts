import type { TFunction } from 'i18next'
import { dueDatesCalendar } from '../../shared/exports/calendar.js'
import {
  ACTION_STATUSES, actionSheets, EXPORT_COLUMNS, EXPORT_HEADING_KEYS, neutralize, toCsv, type ExportCell, type ExportColumn, type ExportLabels, type ExportSheet, type PlanView,
} from '../../shared/index.js'
import type { SaveResult } from '../../electron/ipc.js'
import { download } from './download.js'

/** What the exports need to say in the exporter's language. */
export interface Speaker {
  t: TFunction
  language: string
}

const labelsFor = ({ t, language }: Speaker): ExportLabels => ({ language, code: (kind, value) => t(`${kind}.${value}`) })
const headings = ({ t }: Speaker): string[] => EXPORT_COLUMNS.map((column) => t(EXPORT_HEADING_KEYS[column]))
const rowOf = (row: Record<ExportColumn, ExportCell>): ExportCell[] => EXPORT_COLUMNS.map((column) => row[column])
/** A file name from the plan's title: letters of any script kept, the rest dashes. */
export const planFileName = (plan: PlanView, extension: string): string =>
  `${plan.meta.title.normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'plan'}.${extension}`

/** `kind` goes before the extension: `version-2025-02-11.` names an adopted version's file. */
export const exportCsv = (plan: PlanView, speaker: Speaker, kind = ''): Promise<SaveResult | null> => {
  const rows = actionSheets(plan, labelsFor(speaker)).flatMap((sheet) => sheet.rows.map(rowOf))
  return download(planFileName(plan, `${kind}csv`), toCsv(headings(speaker), rows), 'text/csv;charset=utf-8')
}

const WIDTHS: Record<ExportColumn, number> = {
  area: 28, title: 40, origin: 12, status: 14, progress: 10, owners: 30, partners: 30, countries: 12, start: 12, due: 12, priority: 10, pillar: 18, summary: 60, indicators: 40, id: 24,
}

const excelCell = (cell: ExportCell): string | number | Date | null =>
  cell === null ? null : typeof cell === 'number' ? cell : typeof cell === 'string' ? neutralize(cell) : new Date(`${cell.day}T00:00:00Z`)

/** A sheet's name: at most 31 characters, none of `[]:*?/\`, unique in the workbook. */
const sheetName = (title: string, taken: Set<string>): string => {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 28) || 'Area'
  let name = base
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} ${n}`
  taken.add(name.toLowerCase())
  return name
}

/** The workbook: a summary sheet (actions by status in each area), then one sheet per area. */
export const workbookBytes = async (plan: PlanView, speaker: Speaker): Promise<ArrayBuffer> => {
  const { default: ExcelJS } = await import('exceljs')
  const { t } = speaker
  const sheets: ExportSheet[] = actionSheets(plan, labelsFor(speaker))
  const book = new ExcelJS.Workbook()
  book.creator = 'JointPlan'
  const taken = new Set<string>()
  const statuses = ACTION_STATUSES
  const summary = book.addWorksheet(sheetName(t('exports.summary'), taken), { views: [{ state: 'frozen', ySplit: 1 }] })
  summary.columns = [
    { header: t('action.area'), width: 36 },
    { header: t('exports.actions'), width: 12 },
    ...statuses.map((status) => ({ header: t(`status.${status}`), width: 14 })),
  ]
  for (const sheet of sheets) {
    const inArea = plan.actions.filter((a) => a.areaId === sheet.areaId)
    summary.addRow([neutralize(sheet.title), inArea.length, ...statuses.map((status) => inArea.filter((a) => a.status === status).length)])
  }
  summary.getRow(1).font = { bold: true }
  for (const sheet of sheets) {
    const worksheet = book.addWorksheet(sheetName(sheet.title, taken), { views: [{ state: 'frozen', ySplit: 1 }] })
    worksheet.columns = EXPORT_COLUMNS.map((column, i) => ({ header: headings(speaker)[i], key: column, width: WIDTHS[column] }))
    worksheet.getRow(1).font = { bold: true }
    for (const row of sheet.rows) worksheet.addRow(rowOf(row).map(excelCell))
    for (const column of ['start', 'due'] as const) worksheet.getColumn(column).numFmt = 'yyyy-mm-dd'
  }
  return book.xlsx.writeBuffer() as Promise<ArrayBuffer>
}

export const exportXlsx = async (plan: PlanView, speaker: Speaker, kind = ''): Promise<SaveResult | null> =>
  download(planFileName(plan, `${kind}xlsx`), await workbookBytes(plan, speaker), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')

export const exportCalendar = (plan: PlanView, speaker: Speaker, kind = ''): Promise<SaveResult | null> => {
  const { t } = speaker
  const names = new Map(plan.stakeholders.map((s) => [s.id, s.name]))
  const areas = new Map(plan.areas.map((a) => [a.id, a.title]))
  const text = dueDatesCalendar(plan, speaker.language, (action) =>
    [
      `${t('action.area')}: ${areas.get(action.areaId) ?? ''}`,
      `${t('action.status')}: ${t(`status.${action.status}`)}`,
      `${t('action.owners')}: ${action.owners.map((id) => names.get(id) ?? id).join(', ')}`,
    ].join('\n'),
  )
  return download(planFileName(plan, `${kind}ics`), text, 'text/calendar;charset=utf-8')
}
