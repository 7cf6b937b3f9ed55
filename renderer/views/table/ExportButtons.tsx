import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SaveResult } from '../../../electron/ipc.js'
import type { PlanView } from '../../../shared/index.js'
import { SaveOutcome } from '../../components/SaveOutcome.js'
import { exportCalendar, exportCsv, exportXlsx } from '../../exports/planExports.js'

/**
 * Every action of the plan to a spreadsheet, and the due dates to a calendar, in the
 * reader's language. `kind` names the files of an adopted version (`version-2025-02-11.`).
 */
export const ExportButtons = ({ plan, kind = '' }: { plan: PlanView; kind?: string }) => {
  const { t, i18n } = useTranslation()
  const speaker = { t, language: i18n.language }
  const [saved, setSaved] = useState<SaveResult | null>(null)
  const save = (exported: Promise<SaveResult | null>) => void exported.then(setSaved)
  return (
    <div className="export-buttons" role="group" aria-label={t('exports.heading')}>
      <span className="label">{t('exports.heading')}</span>
      <button type="button" onClick={() => save(exportCsv(plan, speaker, kind))}>{t('exports.csv')}</button>
      <button type="button" onClick={() => save(exportXlsx(plan, speaker, kind))}>{t('exports.xlsx')}</button>
      <button type="button" onClick={() => save(exportCalendar(plan, speaker, kind))}>{t('exports.ics')}</button>
      <SaveOutcome result={saved} />
    </div>
  )
}
