import { useTranslation } from 'react-i18next'
import { localize, type PlanMeta, type TranslatableField, type Translations } from '../../shared/index.js'

/** The plan's text in the reader's language as plain text, for options, labels and messages. */
export const useLocalize = (meta: Pick<PlanMeta, 'language'>) => {
  const { i18n } = useTranslation()
  return (entity: { translations: Translations } & Partial<Record<TranslatableField, string>>, field: TranslatableField = 'title'): string =>
    localize(entity, field, i18n.language, meta.language).text
}
