import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { en } from '../shared/messages/en.js'

/** One i18n layer for every UI string; English is complete and the fallback for every other language. */
export const initI18n = async (): Promise<void> => {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  })
}
