import { useState } from 'react'
import { useTranslation } from 'react-i18next'

/** A link just created, to copy and send; the token in it is shown once and kept nowhere else. */
export const CreatedInvite = ({ link, name, help }: { link: string; name: string; help: string }) => {
  const { t } = useTranslation()
  const [copied, setCopied] = useState(false)
  return (
    <div className="card-panel invite-created" role="status">
      <label className="field">
        <span>{t('access.link', { name })}</span>
        <input readOnly value={link} onFocus={(e) => e.target.select()} data-testid="invite-link" />
      </label>
      <button type="button" onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied(true), () => undefined)}>
        {copied ? t('access.copied') : t('access.copyLink')}
      </button>
      <p className="muted">{help}</p>
    </div>
  )
}
