import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { chooseLanguage, languageName, LANGUAGES } from '../i18n.js'

/** Options naming each language in itself, so that anyone can find their own. */
export const LanguageOptions = ({ codes = LANGUAGES }: { codes?: readonly string[] }) =>
  codes.map((code) => (
    <option key={code} value={code} lang={code}>
      {languageName(code)}
    </option>
  ))

/** The interface language. */
export const LanguagePicker = () => {
  const { t, i18n } = useTranslation()
  const id = useId()
  return (
    <div className="language-picker">
      <label htmlFor={id}>{t('app.language')}</label>
      <select id={id} value={i18n.language} onChange={(e) => void chooseLanguage(e.target.value)}>
        <LanguageOptions />
      </select>
    </div>
  )
}
