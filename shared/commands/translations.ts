import type * as Y from 'yjs'
import { z } from 'zod'
import { commandOrigin, planMaps } from '../layout.js'
import { invalid, notFound, ok, type CommandResult } from '../result.js'
import { Id } from '../schema.js'
import { LanguageCode, TRANSLATABLE, translationKey, type TranslatableField } from '../translations.js'

export const TranslationTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plan') }),
  z.object({ kind: z.literal('area'), id: Id }),
  z.object({ kind: z.literal('action'), id: Id }),
])
export type TranslationTarget = z.infer<typeof TranslationTarget>

const SetTranslation = z
  .object({
    target: TranslationTarget,
    language: LanguageCode,
    field: z.enum(['title', 'summary', 'description']),
    text: z.string().trim().max(20_000, 'must be at most 20,000 characters'),
  })
  .refine((input) => (TRANSLATABLE[input.target.kind] as readonly string[]).includes(input.field), { message: 'is not translated for this entity', path: ['field'] })
  .refine((input) => input.field !== 'title' || input.text.length <= 300, { message: 'must be at most 300 characters', path: ['text'] })
export type SetTranslation = z.input<typeof SetTranslation>

const entityMap = (doc: Y.Doc, target: TranslationTarget): Y.Map<unknown> | undefined => {
  const maps = planMaps(doc)
  if (target.kind === 'plan') return maps.meta
  return (target.kind === 'area' ? maps.areas : maps.actions).get(target.id)
}

/**
 * Writes (or, with empty text, removes) one field's translation into one language, noting
 * the original it was made from so that a later change of the original marks it out of date.
 */
export const setTranslation = (doc: Y.Doc, input: SetTranslation): CommandResult<{ changed: boolean }> => {
  const parsed = SetTranslation.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const { target, language, field, text } = parsed.data
  const map = entityMap(doc, target)
  if (!map) return notFound(target.kind, 'id' in target ? target.id : 'plan')
  const key = translationKey(language, field as TranslatableField)
  const source = typeof map.get(field) === 'string' ? (map.get(field) as string) : ''
  const current = map.get(key) as { text?: unknown; source?: unknown } | undefined
  if (text === '' ? current === undefined : current?.text === text && current.source === source) return ok({ changed: false })
  doc.transact(() => {
    if (text === '') map.delete(key)
    else map.set(key, { text, source })
  }, commandOrigin('setTranslation'))
  return ok({ changed: true })
}
