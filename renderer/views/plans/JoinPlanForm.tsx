import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { navigate, parseInviteLink } from '../../app/route.js'
import { saveToken } from '../../sync/tokens.js'

export const JoinPlanForm = () => {
  const { t } = useTranslation()
  const [link, setLink] = useState('')
  const [error, setError] = useState(false)
  return (
    <form
      className="card-panel"
      aria-labelledby="join-heading"
      onSubmit={(e) => {
        e.preventDefault()
        const invite = parseInviteLink(link)
        setError(!invite)
        if (!invite) return
        if (invite.token) saveToken(invite.token)
        navigate(invite.route)
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
    </form>
  )
}
