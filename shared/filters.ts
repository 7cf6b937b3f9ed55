import { z } from 'zod'
import { isOverdue } from './rollups.js'
import type { PlanView, Read } from './read.js'
import { allTexts } from './translations.js'
import { ACTION_STATUSES, type Action, CountryCode, Id, STAKEHOLDER_KINDS } from './schema.js'

/** What a person can narrow the action table by; every field optional, all of them must match. */
export const ActionFilter = z.object({
  text: z.string().max(200).default(''),
  areaId: Id.nullable().default(null),
  status: z.enum(ACTION_STATUSES).nullable().default(null),
  ownerId: Id.nullable().default(null),
  ownerKind: z.enum(STAKEHOLDER_KINDS).nullable().default(null),
  country: CountryCode.nullable().default(null),
  overdueOnly: z.boolean().default(false),
})
export type ActionFilter = z.output<typeof ActionFilter>
export const NO_FILTER: ActionFilter = ActionFilter.parse({})

export const SORT_KEYS = ['area', 'title', 'status', 'owner', 'due', 'progress'] as const
export type SortKey = (typeof SORT_KEYS)[number]
export interface Sort {
  key: SortKey
  direction: 'asc' | 'desc'
}

/**
 * Case- and accent-insensitive text folding so that "viet" finds "Việt". Vietnamese đ is a
 * letter of its own, not d with a mark, so NFD leaves it: fold it by hand.
 */
export const foldText = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLocaleLowerCase()

/**
 * Each action's searchable text (title, summary, their translations, owners' names), folded once per read of
 * the plan: folding every action again on each keystroke was most of a filter's time.
 */
const searchTexts = new WeakMap<PlanView, Map<string, string>>()
const searchTextsOf = (plan: PlanView): Map<string, string> => {
  let texts = searchTexts.get(plan)
  if (texts) return texts
  const names = new Map(plan.stakeholders.map((s) => [s.id, s.name]))
  texts = new Map(plan.actions.map((a) => [a.id, foldText([a.title, a.summary, ...allTexts(a), ...a.owners.map((id) => names.get(id) ?? '')].join(' '))]))
  searchTexts.set(plan, texts)
  return texts
}

/** Whether an action of `plan` passes `filter`, as a predicate to filter any list of its actions by. */
export const actionMatcher = (plan: PlanView, filter: ActionFilter, today: string): ((action: Read<Action>) => boolean) => {
  const needle = foldText(filter.text.trim())
  const kinds = new Map(plan.stakeholders.map((s) => [s.id, s.kind]))
  const texts = needle ? searchTextsOf(plan) : null
  return (a) => {
    if (filter.areaId && a.areaId !== filter.areaId) return false
    if (filter.status && a.status !== filter.status) return false
    if (filter.ownerId && !a.owners.includes(filter.ownerId)) return false
    if (filter.ownerKind && !a.owners.some((id) => kinds.get(id) === filter.ownerKind)) return false
    if (filter.country && !a.countries.includes(filter.country)) return false
    if (filter.overdueOnly && !isOverdue(a, today)) return false
    if (texts && !(texts.get(a.id) ?? '').includes(needle)) return false
    return true
  }
}

export const filterActions = (plan: PlanView, filter: ActionFilter, today: string): Read<Action>[] =>
  plan.actions.filter(actionMatcher(plan, filter, today))

/** Sorts a copy; ties keep plan order, and actions with no due date sort last either way. */
export const sortActions = (plan: PlanView, actions: readonly Read<Action>[], sort: Sort): Read<Action>[] => {
  const areaRank = new Map(plan.areas.map((a, i) => [a.id, i]))
  const names = new Map(plan.stakeholders.map((s) => [s.id, s.name]))
  const planRank = new Map(plan.actions.map((a, i) => [a.id, i]))
  const sign = sort.direction === 'asc' ? 1 : -1
  const ownerName = (a: Action) => names.get(a.owners[0] ?? '') ?? ''
  const compare = (a: Read<Action>, b: Read<Action>): number => {
    switch (sort.key) {
      case 'area':
        return sign * ((areaRank.get(a.areaId) ?? 0) - (areaRank.get(b.areaId) ?? 0))
      case 'title':
        return sign * a.title.localeCompare(b.title)
      case 'status':
        return sign * (ACTION_STATUSES.indexOf(a.status) - ACTION_STATUSES.indexOf(b.status))
      case 'owner':
        return sign * ownerName(a).localeCompare(ownerName(b))
      case 'due':
        if (a.due === b.due) return 0
        if (a.due == null) return 1
        if (b.due == null) return -1
        return sign * a.due.localeCompare(b.due)
      case 'progress':
        return sign * (a.progress - b.progress)
    }
  }
  return [...actions].sort((a, b) => compare(a, b) || (planRank.get(a.id) ?? 0) - (planRank.get(b.id) ?? 0))
}
