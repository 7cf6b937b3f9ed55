import { useTranslation } from 'react-i18next'
import { localize, type TranslatableField, type Translations } from '../../shared/index.js'
import { languageName } from '../i18n.js'

type Entity = { translations: Translations } & Partial<Record<TranslatableField, string>>

/**
 * One field of the plan's text in the reader's language: the translation where there is
 * one, else the original with a mark naming its language. The text carries its `lang`, so
 * that Japanese, Khmer or Thai in it is drawn and broken into lines as that language.
 */
export const LocalizedText = ({ entity, field, planLanguage }: { entity: Entity; field: TranslatableField; planLanguage: string }) => {
  const { t, i18n } = useTranslation()
  const shown = localize(entity, field, i18n.language, planLanguage)
  const lang = shown.state === 'translated' || shown.state === 'stale' ? i18n.language : planLanguage
  return (
    <>
      <span lang={lang}>{shown.text}</span>
      {shown.state === 'untranslated' && (
        <abbr
          className="lang-mark"
          title={t('translation.untranslated', { language: languageName(i18n.language), original: languageName(planLanguage) })}
          data-testid="untranslated"
        >
          {planLanguage.toUpperCase()}
        </abbr>
      )}
    </>
  )
}
