import { useTranslation } from 'react-i18next'
import type { SaveResult } from '../../electron/ipc.js'

/** Where the desktop app saved a file, or why it did not; nothing when the person cancelled or a browser downloaded it. */
export const SaveOutcome = ({ result }: { result: SaveResult | null }) => {
  const { t } = useTranslation()
  if (!result || result.outcome === 'cancelled') return null
  return (
    <p role="status" className={result.outcome === 'refused' ? 'field-error' : 'muted'}>
      {result.outcome === 'saved' ? t('files.savedTo', { path: result.path }) : t('files.notSaved', { reason: result.reason })}
    </p>
  )
}
