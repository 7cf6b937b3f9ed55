import { z } from 'zod'

/**
 * A plan's text in several languages. The original is written in the plan's language
 * (`meta.language`); a translation of one field of one entity is stored beside the original,
 * under its own key `tr/<language>/<field>`, with the original text it was made from: one
 * key per field and language, so that two people translating at once never overwrite each
 * other, and a translation whose original has changed since reads as out of date.
 */

export const LanguageCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language code such as ja or km')
export type LanguageCode = z.infer<typeof LanguageCode>

/** Which fields carry translations, by entity. */
export const TRANSLATABLE = {
  plan: ['title', 'summary'],
  area: ['title', 'description'],
  action: ['title', 'summary'],
} as const
export type TranslatableKind = keyof typeof TRANSLATABLE
export type TranslatableField = (typeof TRANSLATABLE)[TranslatableKind][number]

export const Translation = z.object({
  text: z.string().max(20_000),
  /** The original's text when this was translated. */
  source: z.string().max(20_000),
})
export type Translation = z.infer<typeof Translation>

/** By language, then field. */
export type Translations = Readonly<Record<string, Readonly<Partial<Record<TranslatableField, Translation>>>>>

const KEY = /^tr\/([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)\/(title|summary|description)$/

export const translationKey = (language: string, field: TranslatableField): string => `tr/${language}/${field}`

/** The language and field a stored key translates, or null for any other key. */
export const parseTranslationKey = (key: string): { language: string; field: TranslatableField } | null => {
  const match = KEY.exec(key)
  return match ? { language: match[1]!, field: match[2] as TranslatableField } : null
}

/** The translations held in an entity's raw record; a malformed one is left out, the original still shows. */
export const translationsOf = (raw: unknown): Translations => {
  const out: Record<string, Partial<Record<TranslatableField, Translation>>> = {}
  if (raw === null || typeof raw !== 'object') return out
  for (const [key, value] of Object.entries(raw)) {
    const parsed = parseTranslationKey(key)
    if (!parsed) continue
    const translation = Translation.safeParse(value)
    if (!translation.success || translation.data.text.trim() === '') continue
    ;(out[parsed.language] ??= {})[parsed.field] = translation.data
  }
  return out
}

export type LocalizedState =
  /** The reader reads the plan's own language. */
  | 'original'
  | 'translated'
  /** Translated from an earlier version of the original. */
  | 'stale'
  /** No translation: the original is shown, marked. */
  | 'untranslated'

export interface Localized {
  text: string
  state: LocalizedState
}

/** What a reader of `language` sees for one field: the translation if there is one, else the original. */
export const localize = (
  entity: { translations: Translations } & Partial<Record<TranslatableField, string>>,
  field: TranslatableField,
  language: string,
  planLanguage: string,
): Localized => {
  const original = entity[field] ?? ''
  if (language === planLanguage || original === '') return { text: original, state: 'original' }
  const translation = entity.translations[language]?.[field]
  if (!translation) return { text: original, state: 'untranslated' }
  return { text: translation.text, state: translation.source === original ? 'translated' : 'stale' }
}

/** Every language version of an entity's translatable text, for search. */
export const allTexts = (entity: { translations: Translations }): string[] =>
  Object.values(entity.translations).flatMap((fields) => Object.values(fields).map((t) => t?.text ?? ''))
