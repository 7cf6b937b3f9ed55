import Papa from 'papaparse'
import type { ImportCell, ImportTable } from '../../shared/index.js'

/** Files larger than this are refused before they are read: a plan's sheet is a few hundred KB. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024

export class UnreadableFile extends Error {}

const trimmed = (headings: string[], rows: ImportCell[][]): ImportTable => {
  if (headings.every((h) => h.trim() === '')) throw new UnreadableFile('no heading row')
  return { headings, rows }
}

/** A CSV file (comma, semicolon or tab separated, with or without a byte-order mark). */
export const tableFromCsv = (text: string): ImportTable => {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' })
  const [headings, ...rows] = parsed.data
  if (!headings || parsed.errors.some((e) => e.type === 'Delimiter')) throw new UnreadableFile('not a table')
  return trimmed(headings.map(String), rows.map((row) => row.map((cell) => (cell === '' ? null : cell))))
}

const dayOf = (date: Date): string => date.toISOString().slice(0, 10)

const headingsOf = (rows: ImportCell[][]): string[] => (rows[0] ?? []).map((cell) => (typeof cell === 'string' ? cell : cell === null || typeof cell === 'object' ? '' : String(cell)))

/** The table of an Excel workbook: the sheets whose headings `score` highest (how many fields they name). */
export const tableFromXlsx = async (bytes: ArrayBuffer, score: (headings: string[]) => number): Promise<ImportTable> => {
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  try {
    await book.xlsx.load(bytes)
  } catch {
    throw new UnreadableFile('not an Excel workbook')
  }
  const cellOf = (value: unknown): ImportCell => {
    if (value === null || value === undefined || value === '') return null
    if (typeof value === 'string' || typeof value === 'number') return value
    if (typeof value === 'boolean') return String(value)
    if (value instanceof Date) return { day: dayOf(value) }
    if (typeof value === 'object' && 'formula' in value) return { formula: String((value as { formula: unknown }).formula) }
    if (typeof value === 'object' && 'sharedFormula' in value) return { formula: String((value as { sharedFormula: unknown }).sharedFormula) }
    if (typeof value === 'object' && 'richText' in value) return (value as { richText: { text: string }[] }).richText.map((r) => r.text).join('')
    if (typeof value === 'object' && 'text' in value) return String((value as { text: unknown }).text)
    return null
  }
  const tables = book.worksheets.map((sheet) => {
    const rows: ImportCell[][] = []
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : []
      rows.push(values.map(cellOf))
    })
    return rows
  })
  // An export has one sheet per area with the same headings, and a summary: the sheets
  // whose headings name the most fields make the table, their rows together.
  const key = (rows: ImportCell[][]) => (rows[0] ?? []).map((cell) => (typeof cell === 'string' ? cell : '')).join('\u0000')
  const candidates = tables.filter((rows) => rows.length > 0)
  const best = candidates.reduce<ImportCell[][] | null>((top, rows) => (top === null || score(headingsOf(rows)) > score(headingsOf(top)) ? rows : top), null)
  if (!best) throw new UnreadableFile('no sheet with a table')
  const headings = headingsOf(best)
  const same = candidates.filter((rows) => key(rows) === key(best))
  return trimmed(headings, same.flatMap((rows) => rows.slice(1)))
}

/** A file a person picked: CSV or Excel by its name, refused when too large or not a table. */
export const tableFromFile = async (name: string, bytes: ArrayBuffer, score: (headings: string[]) => number): Promise<ImportTable> => {
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new UnreadableFile('too large')
  if (bytes.byteLength === 0) throw new UnreadableFile('empty')
  if (/\.xlsx$/i.test(name)) return tableFromXlsx(bytes, score)
  return tableFromCsv(new TextDecoder('utf-8', { fatal: false }).decode(bytes))
}
