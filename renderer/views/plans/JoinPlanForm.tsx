import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RecentServer } from '../../../electron/ipc.js'
import { navigate, readPastedLink } from '../../app/route.js'
import { isDesktop, openServer, recentServers } from '../../desktop.js'
import { formatDate } from '../../format.js'
import { saveToken } from '../../sync/tokens.js'

/**
 * Joining by a link someone gave: a plan on this server, or (a workshop hosted on another
 * laptop) another server, which the window then shows. The desktop app remembers the
 * servers joined and offers them again.
 */
export const JoinPlanForm = () => {
  const { t, i18n } = useTranslation()
  const [link, setLink] = useState('')
  const [error, setError] = useState(false)
  const [recent, setRecent] = useState<RecentServer[]>([])
  useEffect(() => {
    let live = true
    if (isDesktop()) void recentServers().then((found) => live && setRecent(found))
    return () => {
      live = false
    }
  }, [])

  const go = async (url: string) => {
    if (isDesktop()) setError(!(await openServer(url)))
    else location.assign(url)
  }

  return (
    <form
      className="card-panel"
      aria-labelledby="join-heading"
      onSubmit={(e) => {
        e.preventDefault()
        const pasted = readPastedLink(link, location.origin)
        setError(!pasted)
        if (!pasted) return
        if (pasted.kind === 'elsewhere') return void go(pasted.url)
        if (pasted.token) saveToken(pasted.token)
        navigate(pasted.route)
      }}
    >
      <h2 id="join-heading">{t('plans.joinHeading')}</h2>
      <label className="field">
        <span>{t('plans.joinLabel')}</span>
        <input value={link} onChange={(e) => setLink(e.target.value)} aria-describedby="join-help" aria-invalid={error} />
      </label>
      <p id="join-help" className={error ? 'field-error' : 'muted'} role={error ? 'alert' : undefined}>
        {error ? t('plans.joinInvalid') : t('plans.joinHelp')}
      </p>
      <button type="submit">{t('plans.join')}</button>
      {recent.length > 0 && (
        <>
          <h3>{t('plans.recentServers')}</h3>
          <ul className="recent-servers">
            {recent.map((server) => (
              <li key={server.origin}>
                <button type="button" className="link-button" onClick={() => void go(`${server.origin}/#/`)}>
                  {t('plans.openServer', { origin: server.origin })}
                </button>{' '}
                <span className="muted">{t('plans.lastUsed', { date: formatDate(server.lastUsed, i18n.language) })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </form>
  )
}
