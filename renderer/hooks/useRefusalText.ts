import { useTranslation } from 'react-i18next'
import { refusalOf } from '../../shared/index.js'

/** A refusal the server gave, in the reader's language when it is one the app knows. */
export const useRefusalText = () => {
  const { t } = useTranslation()
  return (reason: string): string => {
    const code = refusalOf(reason)
    return code ? t(`refusal.${code}`) : reason
  }
}
