import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HostStatus } from '../../../electron/ipc.js'
import { hostStatus, isDesktop, setHosting } from '../../desktop.js'
import { useQrCode } from '../../hooks/useQrCode.js'
import { forgetShareOrigin } from '../../sync/shareOrigin.js'

/**
 * The facilitator's one click: this computer's server opened to the room's network (or
 * closed again), the address and QR code participants use, and what the firewall will ask.
 */
export const HostView = () => {
  const { t } = useTranslation()
  const [status, setStatus] = useState<HostStatus | null>(null)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const qr = useQrCode(status?.lanOrigin ?? null)

  useEffect(() => {
    let live = true
    void hostStatus().then((found) => live && setStatus(found))
    return () => {
      live = false
    }
  }, [])

  if (!isDesktop()) return <p className="card-panel">{t('host.desktopOnly')}</p>

  const change = async (lan: boolean) => {
    setBusy(true)
    setFailure(null)
    const answer = await setHosting(lan)
    setBusy(false)
    // Links are built from the server's address on the network, which has just changed.
    forgetShareOrigin()
    if (answer.outcome === 'done') setStatus(answer.status)
    else setFailure(answer.reason)
  }

  return (
    <section className="card-panel host-view" aria-labelledby="host-heading">
      <h1 id="host-heading">{t('host.heading')}</h1>
      <p>{t('host.intro')}</p>
      <div role="status" aria-live="polite" className="host-state">
        {busy ? (
          <p>{t('host.busy')}</p>
        ) : status?.hosting && status.lanOrigin ? (
          <>
            <p>{t('host.onState')}</p>
            <p className="host-address">{status.lanOrigin}</p>
            {qr && <img className="host-qr" src={qr} alt={t('host.qrAlt', { address: status.lanOrigin })} />}
            <p>{t('host.next')}</p>
          </>
        ) : status?.hosting ? (
          <p className="field-error">{t('host.noNetwork')}</p>
        ) : (
          <p>{t('host.offState')}</p>
        )}
      </div>
      {failure && (
        <p role="alert" className="field-error">
          {t('host.failed', { reason: failure })}
        </p>
      )}
      {status?.hosting ? (
        <button type="button" disabled={busy} onClick={() => void change(false)}>
          {t('host.stop')}
        </button>
      ) : (
        <button type="button" className="primary" disabled={busy || status === null} onClick={() => void change(true)}>
          {t('host.start')}
        </button>
      )}
      <p className="muted">{t('host.keptNote')}</p>
      <h2>{t('host.firewallHeading')}</h2>
      <ul>
        <li>{t('host.firewallWindows')}</li>
        <li>{t('host.firewallMac')}</li>
      </ul>
      <p className="muted">{t('host.firewallWhy')}</p>
    </section>
  )
}
