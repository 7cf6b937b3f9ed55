import { z } from 'zod'
import { LanguageCode } from './translations.js'

/**
 * What a joint work plan is made of. Every read of the doc and every command input goes
 * through these schemas: the doc is written by many clients of many versions, so nothing
 * in it is trusted until it parses here.
 */

export const SCHEMA_VERSION = 1

export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -')
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as KH or JP')
export const IsoDate = z.iso.date({ error: 'must be a date as YYYY-MM-DD' })
export const IsoDateTime = z.iso.datetime({ offset: true, error: 'must be a date and time in ISO 8601' })
const Title = z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters')
const Text = z.string().max(20_000, 'must be at most 20,000 characters')

export const STAKEHOLDER_KINDS = [
  'government',
  'workers_org',
  'employers_org',
  'company',
  'civil_society',
  'legal_expert',
  'recruitment_agency',
  'international_org',
  'other',
] as const
export const StakeholderKind = z.enum(STAKEHOLDER_KINDS)
export type StakeholderKind = z.infer<typeof StakeholderKind>

/** An existing action is mapped from what stakeholders already do; a proposed one is for collaboration. */
export const ACTION_ORIGINS = ['existing', 'proposed'] as const
export const ActionOrigin = z.enum(ACTION_ORIGINS)

export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'blocked', 'dropped'] as const
export const ActionStatus = z.enum(ACTION_STATUSES)
export type ActionStatus = z.infer<typeof ActionStatus>

export const PRIORITIES = ['low', 'medium', 'high'] as const
export const Priority = z.enum(PRIORITIES)

/** UN Guiding Principles on Business and Human Rights: the three pillars. */
export const PILLARS = ['protect', 'respect', 'remedy'] as const
export const Pillar = z.enum(PILLARS)



/**
 * Field types without defaults: a patch must say only what it changes. The stored-entity
 * schemas below add defaults, so that a field an older client never wrote still reads.
 */
const withDefaults = <Shape extends z.ZodRawShape>(shape: Shape, defaults: { [K in keyof Shape]?: z.output<Shape[K]> }) =>
  z.object(
    Object.fromEntries(
      Object.entries(shape).map(([key, type]) => [key, key in defaults ? (type as z.ZodType).default(defaults[key as keyof Shape]) : type]),
    ) as Shape,
  )

const metaFields = {
  schema: z.number().int().positive(),
  title: Title,
  summary: Text,
  countries: z.array(CountryCode),
  createdAt: IsoDateTime,
  /** A deleted plan leaves everyone's plan list but keeps its data and history. */
  deleted: z.boolean(),
  /** The language its text is written in; translations are of this original. */
  language: LanguageCode,
}
export const PlanMeta = withDefaults(metaFields, { summary: '', countries: [], deleted: false, language: 'en' })
export type PlanMeta = z.infer<typeof PlanMeta>
export const MetaPatch = z.object(metaFields).pick({ title: true, summary: true, countries: true, deleted: true, language: true }).partial().strict()

const areaFields = {
  id: Id,
  title: Title,
  order: z.string().min(1),
  description: Text,
  /** A removed area stays in the doc, flagged, so that the history can tell what it was. */
  deleted: z.boolean(),
}
export const Area = withDefaults(areaFields, { description: '', deleted: false })
export type Area = z.infer<typeof Area>
export const NewArea = z.object(areaFields).pick({ title: true, description: true }).partial({ description: true }).strict()
export const AreaPatch = z.object(areaFields).pick({ title: true, description: true }).partial().strict()

const stakeholderFields = {
  id: Id,
  name: Title,
  kind: StakeholderKind,
  country: CountryCode.nullable(),
}
export const Stakeholder = withDefaults(stakeholderFields, { country: null })
export type Stakeholder = z.infer<typeof Stakeholder>

const Measure = z.number().finite().nullable()

const indicatorFields = {
  id: Id,
  label: Title,
  unit: z.string().max(40),
  baseline: Measure,
  target: Measure,
  current: Measure,
}
export const Indicator = withDefaults(indicatorFields, { unit: '', baseline: null, target: null, current: null })
export type Indicator = z.infer<typeof Indicator>

/** Where a proposed action came from: a workshop's recommendation and the votes it had when it was turned into the action. */
export const Provenance = z
  .object({
    workshopId: Id,
    cardId: Id,
    workshop: z.string().max(200),
    on: IsoDate,
    place: z.string().max(200),
    votes: z.number().int().nonnegative(),
    /** The organizations whose cards it gathers (none when the session was anonymous). */
    proposedBy: z.array(z.string().max(200)).max(100),
  })
  .strict()
export type Provenance = z.infer<typeof Provenance>

const actionFields = {
  id: Id,
  areaId: Id,
  title: Title,
  origin: ActionOrigin,
  status: ActionStatus,
  progress: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(100, 'must be 100 or less'),
  owners: z.array(Id),
  partners: z.array(Id),
  countries: z.array(CountryCode),
  start: IsoDate.nullable(),
  due: IsoDate.nullable(),
  priority: Priority.nullable(),
  pillar: Pillar.nullable(),
  order: z.string().min(1),
  indicators: z.array(Indicator),
  summary: Text,
  provenance: Provenance.nullable(),
  deleted: z.boolean(),
}

const dueNotBeforeStart = (a: { start?: string | null; due?: string | null }) =>
  a.start == null || a.due == null || a.due >= a.start
const dueRule = { message: 'must not be before the start date', path: ['due'] }

export const ACTION_DEFAULTS = {
  origin: 'proposed',
  status: 'planned',
  progress: 0,
  owners: [],
  partners: [],
  countries: [],
  start: null,
  due: null,
  priority: null,
  pillar: null,
  indicators: [],
  summary: '',
  provenance: null,
  deleted: false,
} as const satisfies { [K in keyof typeof actionFields]?: z.output<(typeof actionFields)[K]> }

export const Action = withDefaults(actionFields, ACTION_DEFAULTS).refine(dueNotBeforeStart, dueRule)
export type Action = z.infer<typeof Action>

/** The fields a person sets on an action; id, order, indicators and deletion have commands of their own. */
export const ActionPatch = z.object(actionFields).omit({ id: true, order: true, indicators: true, deleted: true }).partial().strict()
export type ActionPatch = z.input<typeof ActionPatch>

export const NewAction = ActionPatch.required({ areaId: true, title: true }).refine(dueNotBeforeStart, dueRule)
export type NewAction = z.input<typeof NewAction>

export const NewIndicator = z.object(indicatorFields).omit({ id: true }).partial().required({ label: true }).strict()
export const IndicatorPatch = z.object(indicatorFields).omit({ id: true }).partial().strict()
export type IndicatorPatch = z.input<typeof IndicatorPatch>

export const NewStakeholder = z.object(stakeholderFields).omit({ id: true }).partial({ country: true }).strict()
export type NewStakeholder = z.input<typeof NewStakeholder>
export const StakeholderPatch = z.object(stakeholderFields).omit({ id: true }).partial().strict()

export const Person = z.object({ name: z.string().trim().min(1).max(120), org: z.string().max(200).default('') })

export const Thread = z.object({
  id: Id,
  actionId: Id,
  createdAt: IsoDateTime,
  resolved: z.boolean().default(false),
})
export type Thread = z.infer<typeof Thread>

export const Comment = z.object({
  id: Id,
  threadId: Id,
  actionId: Id,
  author: Person,
  body: z.string().trim().min(1, 'must not be empty').max(20_000),
  createdAt: IsoDateTime,
})
export type Comment = z.infer<typeof Comment>

export const VERDICTS = ['endorse', 'concern', 'object'] as const
export const Verdict = z.enum(VERDICTS)
/** One organization's verdict on one action; the latest replaces the previous. */
export const Review = z.object({
  actionId: Id,
  org: z.string().trim().min(1).max(200),
  verdict: z.enum(VERDICTS),
  note: Text.default(''),
  by: Person,
  at: IsoDateTime,
  /** The action as it was reviewed (`actionStamp`), so that a later change shows the verdict as given on an earlier version. */
  actionStamp: z.string().regex(/^[0-9a-f]{8}$/).optional(),
})
export type Review = z.infer<typeof Review>
