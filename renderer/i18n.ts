import i18next from 'i18next'
import ICU from 'i18next-icu'
import { initReactI18next } from 'react-i18next'
import { keepFontsOffline } from './offlineFonts.js'
import en from '../shared/messages/en.json'
import LANGUAGE_NAMES from 'virtual:jointplan-languages'

type Catalogue = typeof en

/**
 * Every catalogue in `shared/messages/`: adding a language is adding its file. English is
 * bundled (it is the fallback for any missing key); the others load when chosen, so a
 * phone downloads one language, not seven.
 */
const loaders = import.meta.glob<Catalogue>(['../shared/messages/*.json', '!../shared/messages/en.json'], { import: 'default' })
export const LANGUAGES: readonly string[] = Object.keys(LANGUAGE_NAMES)

const STORAGE_KEY = 'jointplan.language'

/** `tl` is the older code for Filipino; browsers still send it. */
const ALIASES: Record<string, string> = { tl: 'fil' }

/** The first of `wanted` (most preferred first, like `navigator.languages`) that has a catalogue. */
export const matchLanguage = (wanted: readonly string[]): string => {
  for (const tag of wanted) {
    const base = tag.toLowerCase().split('-')[0] ?? ''
    const code = ALIASES[base] ?? base
    if (LANGUAGES.includes(code)) return code
  }
  return 'en'
}

const storedLanguage = (): string | null => {
  const stored = localStorage.getItem(STORAGE_KEY)
  return stored && LANGUAGES.includes(stored) ? stored : null
}

/** A language's own name for itself ("ភាសាខ្មែរ", "日本語"), as its catalogue writes it. */
export const languageName = (code: string): string => LANGUAGE_NAMES[code] ?? code

const load = async (code: string): Promise<void> => {
  if (i18next.hasResourceBundle(code, 'translation')) return
  const loader = loaders[`../shared/messages/${code}.json`]
  if (!loader) return
  i18next.addResourceBundle(code, 'translation', await loader())
}

const applyToDocument = (code: string) => {
  // The page's lang picks the right glyphs (Japanese, not Chinese, forms) and line breaking.
  document.documentElement.lang = code
}

/** Every catalogue, for reading files written in any of the app's languages (imports). */
export const allCatalogues = async (): Promise<Catalogue[]> => [en, ...(await Promise.all(Object.values(loaders).map((load) => load())))]

/** Switches the interface language and remembers it for this person on this device. */
export const chooseLanguage = async (code: string): Promise<void> => {
  if (!LANGUAGES.includes(code)) return
  await load(code)
  localStorage.setItem(STORAGE_KEY, code)
  await i18next.changeLanguage(code)
  applyToDocument(code)
  void keepFontsOffline(code)
}

/** One i18n layer for every UI string: ICU messages (plurals, numbers) in the chosen language. */
export const initI18n = async (): Promise<void> => {
  const language = storedLanguage() ?? matchLanguage(navigator.languages)
  await i18next
    .use(ICU)
    .use(initReactI18next)
    .init({
      resources: { en: { translation: en } },
      lng: 'en',
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      returnNull: false,
    })
  await load(language)
  await i18next.changeLanguage(language)
  applyToDocument(language)
}
