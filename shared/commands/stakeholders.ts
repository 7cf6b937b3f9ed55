import type * as Y from 'yjs'
import { z } from 'zod'
import { foldText } from '../filters.js'
import { commandOrigin, mapFromRecord, planMaps, writeFields } from '../layout.js'
import { invalid, notFound, ok, refused, type CommandResult } from '../result.js'
import { Id, NewStakeholder, StakeholderPatch } from '../schema.js'
import { idFrom, type CommandContext } from './context.js'

/**
 * Another organization of the plan with the same name (ignoring case and accents) and
 * country: the directory holds each organization once, or owners split between two entries.
 */
const duplicateOf = (doc: Y.Doc, name: string, country: string | null, except?: string): CommandResult<never> | null => {
  const folded = foldText(name.trim())
  let found = false
  planMaps(doc).stakeholders.forEach((other, id) => {
    if (id === except || typeof other.get('name') !== 'string') return
    if (foldText(String(other.get('name')).trim()) === folded && (other.get('country') ?? null) === country) found = true
  })
  return found ? refused('name', 'is already in the plan', { key: 'duplicateStakeholder', values: { name: name.trim(), country: country ?? '—' } }) : null
}

export const addStakeholder = (
  doc: Y.Doc,
  input: z.input<typeof NewStakeholder>,
  ctx: CommandContext = {},
): CommandResult<{ id: string }> => {
  const parsed = NewStakeholder.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const duplicate = duplicateOf(doc, parsed.data.name, parsed.data.country ?? null)
  if (duplicate) return duplicate
  const id = idFrom(ctx)
  doc.transact(() => {
    planMaps(doc).stakeholders.set(id, mapFromRecord(parsed.data))
  }, commandOrigin('addStakeholder'))
  return ok({ id })
}

export const updateStakeholder = (
  doc: Y.Doc,
  id: string,
  patch: z.input<typeof StakeholderPatch>,
): CommandResult<{ changed: number }> => {
  const parsed = StakeholderPatch.safeParse(patch)
  if (!parsed.success) return invalid(parsed.error)
  const stakeholder = planMaps(doc).stakeholders.get(id)
  if (!stakeholder) return notFound('stakeholder', id)
  const name = parsed.data.name ?? String(stakeholder.get('name') ?? '')
  const country = parsed.data.country !== undefined ? parsed.data.country : ((stakeholder.get('country') as string | null | undefined) ?? null)
  const duplicate = duplicateOf(doc, name, country, id)
  if (duplicate) return duplicate
  let changed = 0
  doc.transact(() => {
    changed = writeFields(stakeholder, parsed.data)
  }, commandOrigin('updateStakeholder'))
  return ok({ changed })
}

/** The live actions that name an organization as owner or partner. */
export const actionsNaming = (doc: Y.Doc, stakeholderId: string): string[] => {
  const ids: string[] = []
  planMaps(doc).actions.forEach((action, id) => {
    if (action.get('deleted') === true) return
    const lists = [action.get('owners'), action.get('partners')]
    if (lists.some((list) => Array.isArray(list) && list.includes(stakeholderId))) ids.push(id)
  })
  return ids
}

const Removal = z.object({ replaceWith: Id.nullable() }).strict()

/**
 * Removes an organization from the directory. Where it owns or partners in actions it is
 * replaced there by another organization, or taken off them (`replaceWith: null`), in the
 * same transaction, so that no action is left naming an organization that is gone.
 */
export const removeStakeholder = (doc: Y.Doc, id: string, removal: z.input<typeof Removal>): CommandResult<{ actions: number }> => {
  const parsed = Removal.safeParse(removal)
  if (!parsed.success) return invalid(parsed.error)
  const { stakeholders, actions } = planMaps(doc)
  if (!stakeholders.has(id)) return notFound('stakeholder', id)
  const { replaceWith } = parsed.data
  if (replaceWith !== null && (replaceWith === id || !stakeholders.has(replaceWith))) return notFound('stakeholder', replaceWith)
  const touched = actionsNaming(doc, id)
  const swap = (list: unknown): string[] | undefined => {
    if (!Array.isArray(list) || !list.includes(id)) return undefined
    const next = list.flatMap((x: unknown) => (x === id ? (replaceWith ? [replaceWith] : []) : [String(x)]))
    return [...new Set(next)]
  }
  doc.transact(() => {
    for (const actionId of touched) {
      const action = actions.get(actionId)
      if (action) writeFields(action, { owners: swap(action.get('owners')), partners: swap(action.get('partners')) })
    }
    stakeholders.delete(id)
  }, commandOrigin('removeStakeholder'))
  return ok({ actions: touched.length })
}
