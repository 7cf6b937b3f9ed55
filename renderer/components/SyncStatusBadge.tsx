import { useTranslation } from 'react-i18next'
import type { SyncStatus } from '../sync/docSession.js'
import { useRefusalText } from '../hooks/useRefusalText.js'

/** Always says which state the plan is in; a polite live region, so a screen reader hears changes. */
export const SyncStatusBadge = ({ status }: { status: SyncStatus }) => {
  const { t } = useTranslation()
  const refusalText = useRefusalText()
  const text = status.closed
    ? t('sync.closed', { reason: refusalText(status.closed) })
    : status.state === 'offline'
      ? status.pending > 0
        ? t('sync.offlinePending', { count: status.pending })
        : t('sync.offline')
      : status.state === 'syncing' && status.pending > 0
        ? t('sync.pending', { count: status.pending })
        : t(`sync.${status.state === 'loading' ? 'connecting' : status.state}`)
  return (
    <p className={`sync-status sync-${status.state}`} role="status" aria-live="polite" data-state={status.closed ? 'closed' : status.state} data-pending={status.pending}>
      <span className="sync-dot" aria-hidden="true" />
      {text}
    </p>
  )
}
