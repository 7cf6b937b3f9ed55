import * as Y from 'yjs'
import { planMaps } from './layout.js'

/** One stored update of a plan, with who sent it as the server recorded it. */
export interface HistoryUpdate {
  seq: number
  at: number
  author: { id: string; name: string; org: string } | null
  update: Uint8Array
}

export type HistoryEntity = 'meta' | 'area' | 'stakeholder' | 'action'

/** A field of an entity changed by one update: the unit of the audit trail. */
export interface FieldChange {
  seq: number
  at: number
  author: HistoryUpdate['author']
  entity: HistoryEntity
  entityId: string
  /** The field; `*` when the whole entity was created or removed. */
  field: string
  before: unknown
  after: unknown
}

const jsonOf = (value: unknown): unknown => (value instanceof Y.AbstractType ? value.toJSON() : value)

const ENTITY_BY_MAP = { areas: 'area', stakeholders: 'stakeholder', actions: 'action' } as const

/**
 * Replays a plan's log in order and reports, update by update, which field of which entity
 * changed, from what to what, and who sent it. The author comes from the server's record
 * of the token, so a name a client writes into the doc changes nothing here.
 */
export const fieldChanges = (log: readonly HistoryUpdate[]): FieldChange[] => {
  const doc = new Y.Doc()
  const maps = planMaps(doc)
  const changes: FieldChange[] = []
  let current: HistoryUpdate | null = null
  const push = (entity: HistoryEntity, entityId: string, field: string, before: unknown, after: unknown) => {
    if (current) changes.push({ seq: current.seq, at: current.at, author: current.author, entity, entityId, field, before, after })
  }

  maps.meta.observe((event) => {
    event.changes.keys.forEach((change, key) => push('meta', 'plan', key, jsonOf(change.oldValue), jsonOf(maps.meta.get(key))))
  })
  for (const name of ['areas', 'stakeholders', 'actions'] as const) {
    const map = maps[name]
    const entity = ENTITY_BY_MAP[name]
    map.observeDeep((events) => {
      for (const event of events) {
        if (event.target === map) {
          event.changes.keys.forEach((change, id) => {
            if (change.action !== 'update') push(entity, id, '*', jsonOf(change.oldValue) ?? null, jsonOf(map.get(id)) ?? null)
          })
          continue
        }
        const id = event.path[0]
        if (typeof id !== 'string') continue
        if (event.path.length === 1 && event instanceof Y.YMapEvent) {
          const target = event.target as Y.Map<unknown>
          event.changes.keys.forEach((change, key) => push(entity, id, key, jsonOf(change.oldValue) ?? null, jsonOf(target.get(key)) ?? null))
        } else {
          // A change inside a nested type (an indicator): report the field as a whole.
          const field = String(event.path[1] ?? '')
          const last = changes.at(-1)
          if (last?.seq === current?.seq && last?.entityId === id && last?.field === field) continue
          push(entity, id, field, null, jsonOf(map.get(id)?.get(field)) ?? null)
        }
      }
    })
  }

  for (const entry of log) {
    current = entry
    Y.applyUpdate(doc, entry.update)
  }
  doc.destroy()
  return changes
}
