import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { localize, type TranslatableField, type TranslationTarget, type Translations } from '../../shared/index.js'
import { languageName, LANGUAGES } from '../i18n.js'
import { LanguageOptions } from './LanguagePicker.js'
import { TranslationFields } from './TranslationFields.js'

type Entity = { translations: Translations } & Partial<Record<TranslatableField, string>>

interface Translatable {
  key: string
  heading: string
  target: TranslationTarget
  entity: Entity
  fields: readonly TranslatableField[]
}

/** Fields with an original that have no translation into `language`, or an out-of-date one. */
const missingTranslations = (items: readonly Translatable[], language: string, planLanguage: string): number =>
  items.reduce(
    (sum, item) => sum + item.fields.filter((field) => ['untranslated', 'stale'].includes(localize(item.entity, field, language, planLanguage).state)).length,
    0,
  )

/**
 * Where an editor fills in translations: one language at a time (the reader's own first),
 * each field with its state and its original. Folded, with the count of what is missing.
 */
export const TranslationsPanel = ({ doc, planLanguage, items }: { doc: Y.Doc; planLanguage: string; items: readonly Translatable[] }) => {
  const { t, i18n } = useTranslation()
  const id = useId()
  const others = LANGUAGES.filter((code) => code !== planLanguage)
  const [language, setLanguage] = useState(others.includes(i18n.language) ? i18n.language : others[0] ?? 'en')
  const missing = missingTranslations(items, language, planLanguage)
  return (
    <details className="card-panel translations-panel" open={items.length === 1 && i18n.language !== planLanguage && missing > 0}>
      <summary>
        <strong>{t('translation.heading')}</strong> · {languageName(language)}{' '}
        <span className={missing > 0 ? 'badge stale' : 'badge'}>{t('translation.missing', { count: missing })}</span>
      </summary>
      <div className="field">
        <label htmlFor={id}>{t('translation.into')}</label>
        <select id={id} value={language} onChange={(e) => setLanguage(e.target.value)}>
          <LanguageOptions codes={others} />
        </select>
      </div>
      {items.map((item) => (
        <fieldset key={`${item.key}-${language}`} className="field-group">
          <legend>{item.heading}</legend>
          <TranslationFields doc={doc} target={item.target} entity={item.entity} fields={item.fields} language={language} planLanguage={planLanguage} />
        </fieldset>
      ))}
    </details>
  )
}
