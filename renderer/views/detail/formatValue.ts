import type { TFunction } from 'i18next'
import { parseTranslationKey, type FieldChange, type PlanView } from '../../../shared/index.js'
import { languageName } from '../../i18n.js'

/** Names for the ids a history entry can hold: organizations and areas. */
export const namesOf = (plan: PlanView): Map<string, string> =>
  new Map<string, string>([...plan.stakeholders.map((s) => [s.id, s.name] as const), ...plan.areas.map((a) => [a.id, a.title] as const)])

/** A field value as a person reads it in the history: names for ids, text for lists, a mark for empty. */
export const formatValue = (value: unknown, t: TFunction, names: Map<string, string>): string => {
  if (value === null || value === undefined || value === '') return t('history.empty_value')
  if (Array.isArray(value)) return value.length === 0 ? t('history.empty_value') : value.map((v) => (typeof v === 'string' ? names.get(v) ?? v : JSON.stringify(v))).join(', ')
  if (typeof value === 'string') return names.get(value) ?? value
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** Fields whose values are codes with a label in the catalogue (status.in_progress → "In progress"). */
const LABELLED = new Set(['status', 'origin', 'priority', 'pillar', 'kind'])

const valueOf = (change: FieldChange, value: unknown, t: TFunction, names: Map<string, string>): string =>
  LABELLED.has(change.field) && typeof value === 'string' ? t(`${change.field}.${value}`) : formatValue(value, t, names)

/** Who did it: "Name (Organization)", or the name alone when the invite names no organization. */
export const authorOf = ({ author }: Pick<FieldChange, 'author'>): string => (author ? (author.org ? `${author.name} (${author.org})` : author.name) : '—')

/** Longest description text one history line quotes. */
const QUOTED_MAX = 160

/** One line of the audit trail: what happened, in words. */
export const describeChange = (change: FieldChange, t: TFunction, names: Map<string, string>): string => {
  const translated = parseTranslationKey(change.field)
  switch (change.entity) {
    case 'comment':
      return t('history.commented', { body: String(change.after ?? '') })
    case 'verdict':
      return t('history.verdict', { verdict: t(`review.verdict_${String(change.after)}`) })
    case 'thread':
      return change.after ? t('history.resolvedThread') : t('history.reopenedThread')
    default:
      if (change.field === '*') return change.after === null ? t('history.deleted') : t('history.created')
      if (change.field === 'order') return t('history.moved')
      if (change.field === 'indicators') return t('history.indicatorsChanged')
      if (change.field === 'description') {
        const text = String(change.after ?? '')
        return t('history.describedAs', { text: text.length > QUOTED_MAX ? `${text.slice(0, QUOTED_MAX)}…` : text })
      }
      if (change.overwritten) {
        const field = t(`fields.${change.field}`, { defaultValue: change.field })
        const value = valueOf(change, change.after, t, names)
        return change.overwrittenBy ? t('history.overwritten', { field, value, who: authorOf({ author: change.overwrittenBy }) }) : t('history.overwrittenUnknown', { field, value })
      }
      if (translated) {
        const text = (value: unknown) => (value && typeof value === 'object' && 'text' in value ? value.text : null)
        return `${t('history.translated', { field: t(`fields.${translated.field}`), language: languageName(translated.language) })}: ${formatValue(text(change.after), t, names)}`
      }
      return t('review.changed', {
        field: t(`fields.${change.field}`, { defaultValue: change.field }),
        before: valueOf(change, change.before, t, names),
        after: valueOf(change, change.after, t, names),
      })
  }
}
