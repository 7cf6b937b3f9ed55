import { EXPORT_COLUMNS, EXPORT_HEADING_KEYS } from '../exports/actionTable.js'
import { foldText } from '../filters.js'
import { ACTION_ORIGINS, ACTION_STATUSES, PILLARS, PRIORITIES } from '../schema.js'
import type { ImportVocabulary } from './actionImport.js'

type Catalogue = Record<string, unknown>

const lookup = (catalogue: Catalogue, key: string): string | null => {
  let node: unknown = catalogue
  for (const part of key.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined
  return typeof node === 'string' ? node : null
}

const CODES = { status: ACTION_STATUSES, origin: ACTION_ORIGINS, priority: PRIORITIES, pillar: PILLARS } as const

/**
 * The words a file may use, from the catalogues of every language: a sheet exported in Thai
 * imports on a Japanese screen. Codes themselves (`in_progress`) are accepted too.
 */
export const vocabularyFrom = (catalogues: readonly Catalogue[]): ImportVocabulary => {
  const codes = Object.fromEntries(
    Object.entries(CODES).map(([kind, values]) => {
      const map = new Map<string, string>()
      for (const value of values) {
        map.set(foldText(value), value)
        for (const catalogue of catalogues) {
          const label = lookup(catalogue, `${kind}.${value}`)
          if (label) map.set(foldText(label), value)
        }
      }
      return [kind, map]
    }),
  ) as ImportVocabulary['codes']
  const headings = new Map<string, (typeof EXPORT_COLUMNS)[number]>()
  for (const column of EXPORT_COLUMNS) {
    headings.set(foldText(column), column)
    for (const catalogue of catalogues) {
      const label = lookup(catalogue, EXPORT_HEADING_KEYS[column])
      if (label) headings.set(foldText(label), column)
    }
  }
  return { codes, headings }
}
