import type * as Y from 'yjs'
import type { z } from 'zod'
import { commandOrigin, mapFromRecord, planMaps, writeFields } from '../layout.js'
import { invalid, notFound, ok, type CommandResult } from '../result.js'
import { NewStakeholder, StakeholderPatch } from '../schema.js'
import { idFrom, type CommandContext } from './context.js'

export const addStakeholder = (
  doc: Y.Doc,
  input: z.input<typeof NewStakeholder>,
  ctx: CommandContext = {},
): CommandResult<{ id: string }> => {
  const parsed = NewStakeholder.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
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
  let changed = 0
  doc.transact(() => {
    changed = writeFields(stakeholder, parsed.data)
  }, commandOrigin('updateStakeholder'))
  return ok({ changed })
}
