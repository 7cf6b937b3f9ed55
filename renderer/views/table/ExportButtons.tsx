import { useTranslation } from 'react-i18next'
import type { PlanView } from '../../../shared/index.js'
import { exportCalendar, exportCsv, exportXlsx } from '../../exports/planExports.js'

/** Every action of the plan to a spreadsheet, and the due dates to a calendar, in the reader's language. */
export const ExportButtons = ({ plan }: { plan: PlanView }) => {
  const { t, i18n } = useTranslation()
  const speaker = { t, language: i18n.language }
  return (
    <div className="export-buttons" role="group" aria-label={t('exports.heading')}>
      <span className="label">{t('exports.heading')}</span>
      <button type="button" onClick={() => exportCsv(plan, speaker)}>{t('exports.csv')}</button>
      <button type="button" onClick={() => void exportXlsx(plan, speaker)}>{t('exports.xlsx')}</button>
      <button type="button" onClick={() => exportCalendar(plan, speaker)}>{t('exports.ics')}</button>
    </div>
  )
}
