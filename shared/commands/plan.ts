import type * as Y from 'yjs'
import { z } from 'zod'
import { commandOrigin, mapFromRecord, planMaps, writeFields } from '../layout.js'
import { orderKeyAt } from '../order.js'
import { invalid, ok, type CommandResult } from '../result.js'
import { CountryCode, MetaPatch, PlanMeta, SCHEMA_VERSION } from '../schema.js'
import { TEMPLATES, type TemplateName } from '../template.js'
import { LanguageCode } from '../translations.js'
import { idFrom, nowFrom, type CommandContext } from './context.js'

export const NewPlan = z.object({
  template: z.enum(Object.keys(TEMPLATES) as [TemplateName, ...TemplateName[]]).default('access-to-remedy'),
  title: z.string().trim().min(1).max(300).optional(),
  countries: z.array(CountryCode).optional(),
  language: LanguageCode.optional(),
}).strict()
export type NewPlan = z.input<typeof NewPlan>

/** Fills an empty doc with a plan from a template. Refuses a doc that already holds a plan. */
export const createPlan = (doc: Y.Doc, input: NewPlan, ctx: CommandContext = {}): CommandResult<{ areaIds: string[] }> => {
  const parsed = NewPlan.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const maps = planMaps(doc)
  if (maps.meta.has('schema')) {
    return { ok: false, error: { code: 'invalid', message: 'this doc already holds a plan', issues: [] } }
  }
  const template = TEMPLATES[parsed.data.template]
  const meta = PlanMeta.parse({
    schema: SCHEMA_VERSION,
    title: parsed.data.title ?? template.title,
    summary: template.summary,
    countries: parsed.data.countries ?? template.countries,
    language: parsed.data.language ?? 'en',
    deleted: false,
    createdAt: nowFrom(ctx).toISOString(),
  })
  const areaIds: string[] = []
  doc.transact(() => {
    writeFields(maps.meta, meta)
    let previous: string[] = []
    for (const area of template.areas) {
      const id = idFrom(ctx)
      const order = orderKeyAt(previous, previous.length)
      previous = [...previous, order]
      maps.areas.set(id, mapFromRecord({ title: area.title, description: area.description, order }))
      areaIds.push(id)
    }
  }, commandOrigin('createPlan'))
  return ok({ areaIds })
}

export const updatePlanMeta = (doc: Y.Doc, patch: z.input<typeof MetaPatch>): CommandResult<{ changed: number }> => {
  const parsed = MetaPatch.safeParse(patch)
  if (!parsed.success) return invalid(parsed.error)
  let changed = 0
  doc.transact(() => {
    changed = writeFields(planMaps(doc).meta, parsed.data)
  }, commandOrigin('updatePlanMeta'))
  return ok({ changed })
}
