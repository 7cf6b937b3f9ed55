import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import {
  applyImport, EXPORT_COLUMNS, EXPORT_HEADING_KEYS, guessMapping, planImport, vocabularyFrom, type ColumnMapping, type ExportColumn, type ImportTable,
  type ImportVocabulary, type PlanView,
} from '../../../shared/index.js'
import { useIssueText } from '../../hooks/useIssueText.js'
import { allCatalogues } from '../../i18n.js'
import { tableFromFile, UnreadableFile } from '../../imports/readTable.js'

const FIELDS = EXPORT_COLUMNS.filter((column) => column !== 'id')
const NONE = ''
const REASONS: Record<string, string> = { 'too large': 'imports.tooLarge', empty: 'imports.empty' }

/**
 * Actions from a spreadsheet: pick a file, check which column holds which field, see what
 * would be imported and every refused cell, then import all of it in one change, or nothing.
 */
export const ImportPanel = ({ doc, plan }: { doc: Y.Doc; plan: PlanView }) => {
  const { t } = useTranslation()
  const { issueText } = useIssueText()
  const [source, setSource] = useState<{ table: ImportTable; vocabulary: ImportVocabulary } | null>(null)
  const [mapping, setMapping] = useState<ColumnMapping>({})
  const [message, setMessage] = useState<string | null>(null)

  const choose = async (file: File) => {
    setSource(null)
    try {
      const vocabulary = vocabularyFrom(await allCatalogues())
      const table = await tableFromFile(file.name, await file.arrayBuffer(), (headings) => Object.keys(guessMapping(headings, vocabulary)).length)
      setMapping(guessMapping(table.headings, vocabulary))
      setSource({ table, vocabulary })
      setMessage(null)
    } catch (error) {
      if (!(error instanceof UnreadableFile)) throw error
      setMessage(t('imports.unreadable', { reason: t(REASONS[error.message] ?? 'imports.notTable') }))
    }
  }

  const planned = source ? planImport(plan, source.table, mapping, source.vocabulary) : null
  return (
    <details className="card-panel import-panel">
      <summary>{t('imports.heading')}</summary>
      <label className="field">
        <span>{t('imports.file')}</span>
        <input type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => e.target.files?.[0] && void choose(e.target.files[0])} />
      </label>
      {message && <p className="notice" role="status">{message}</p>}
      {source && planned && (
        <>
          <fieldset className="field-group import-mapping">
            <legend>{t('imports.mapping')}</legend>
            {FIELDS.map((field: ExportColumn) => (
              <label key={field} className="field">
                <span>{t(EXPORT_HEADING_KEYS[field])}</span>
                <select
                  value={mapping[field] === undefined ? NONE : String(mapping[field])}
                  onChange={(e) => setMapping({ ...mapping, [field]: e.target.value === NONE ? undefined : Number(e.target.value) })}
                >
                  <option value={NONE}>{t('imports.notInFile')}</option>
                  {source.table.headings.map((heading, index) => (
                    <option key={index} value={index}>{heading || `#${index + 1}`}</option>
                  ))}
                </select>
              </label>
            ))}
          </fieldset>
          <p>{t('imports.preview', { count: planned.actions.length })}</p>
          {planned.newAreas.length > 0 && <p className="muted">{t('imports.newAreas', { areas: planned.newAreas.join(', ') })}</p>}
          {planned.rejected.length > 0 ? (
            <div className="notice warning" role="alert">
              <p>{t('imports.rejected', { count: planned.rejected.length })}</p>
              <ul className="import-errors">
                {planned.rejected.slice(0, 200).map((r, i) => (
                  <li key={i}>{t('imports.row', { row: r.row, column: r.column, reason: issueText(r.issue) })}</li>
                ))}
              </ul>
            </div>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={planned.actions.length === 0}
              onClick={() => {
                const result = applyImport(doc, planned)
                if (result.ok) {
                  setSource(null)
                  setMessage(t('imports.done', { count: result.value.actions }))
                }
              }}
            >
              {t('imports.import', { count: planned.actions.length })}
            </button>
          )}
        </>
      )}
    </details>
  )
}
