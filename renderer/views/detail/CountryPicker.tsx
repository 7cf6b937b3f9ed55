import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CountryCode } from '../../../shared/index.js'
import { useIssueText } from '../../hooks/useIssueText.js'

/** The plan's countries as checkboxes, plus a box to add another ISO code. */
export const CountryPicker = ({ legend, available, selected, onChange }: { legend: string; available: string[]; selected: string[]; onChange: (codes: string[]) => void }) => {
  const { t, i18n } = useTranslation()
  const { issueText } = useIssueText()
  const [extra, setExtra] = useState('')
  const [error, setError] = useState<string | null>(null)
  const codes = [...new Set([...available, ...selected])]
  const names = new Intl.DisplayNames([i18n.language, 'en'], { type: 'region' })
  return (
    <fieldset className="field-group picker">
      <legend>{legend}</legend>
      <ul className="picker-list columns">
        {codes.map((code) => (
          <li key={code}>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={selected.includes(code)}
                onChange={(e) => onChange(e.target.checked ? [...selected, code] : selected.filter((c) => c !== code))}
              />
              <span>
                {names.of(code) ?? code} <span className="muted">({code})</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault()
          const code = CountryCode.safeParse(extra.trim().toUpperCase())
          if (!code.success) return setError(issueText({ path: 'country', message: '', rule: { key: 'country' } }))
          setError(null)
          setExtra('')
          if (!selected.includes(code.data)) onChange([...selected, code.data])
        }}
      >
        <label>
          <span className="sr-only">{`${legend}: ${t('stakeholders.countryHelp')}`}</span>
          <input value={extra} onChange={(e) => setExtra(e.target.value)} placeholder={t('stakeholders.countryHelp')} size={10} aria-invalid={!!error} />
        </label>
        <button type="submit" aria-label={t('stakeholders.addCountry')}>
          +
        </button>
      </form>
      {error && <p className="field-error" role="alert">{error}</p>}
    </fieldset>
  )
}
