import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { localize, setTranslation, type TranslatableField, type TranslationTarget, type Translations } from '../../shared/index.js'
import { languageName } from '../i18n.js'
import { InputField } from '../views/detail/Field.js'

type Entity = { translations: Translations } & Partial<Record<TranslatableField, string>>

/**
 * The translations of one entity's fields into one language, edited in place: each says
 * whether it is missing or out of date, with the original beside it to translate from.
 */
export const TranslationFields = ({
  doc,
  target,
  entity,
  fields,
  language,
  planLanguage,
}: {
  doc: Y.Doc
  target: TranslationTarget
  entity: Entity
  fields: readonly TranslatableField[]
  language: string
  planLanguage: string
}) => {
  const { t } = useTranslation()
  const name = languageName(language)
  return (
    <>
      {fields.map((field) => {
        const original = entity[field] ?? ''
        if (original === '') return null
        const shown = localize(entity, field, language, planLanguage)
        const current = shown.state === 'translated' || shown.state === 'stale' ? shown.text : ''
        return (
          <div key={field} className="translation-field">
            <InputField
              label={t(field === 'title' ? 'translation.title' : 'translation.summary', { language: name })}
              value={current}
              multiline={field !== 'title'}
              lang={language}
              commit={(text) => setTranslation(doc, { target, language, field, text })}
            />
            <p className="muted translation-state">
              {shown.state === 'stale' ? <strong className="stale">{t('translation.stale')}</strong> : shown.state === 'untranslated' ? t('translation.none') : null}
              {shown.state !== 'translated' && ' '}
              <span>
                {t('translation.original', { language: languageName(planLanguage) })}: <q lang={planLanguage}>{original}</q>
              </span>
            </p>
          </div>
        )
      })}
    </>
  )
}
