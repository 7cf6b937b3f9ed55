import * as Y from 'yjs'
import { discussionMaps } from './discussion.js'
import { planMaps } from './layout.js'
import { ACTION_DEFAULTS } from './schema.js'

/** One stored update of a plan, with who sent it as the server recorded it. */
export interface HistoryUpdate {
  seq: number
  at: number
  author: { id: string; name: string; org: string } | null
  update: Uint8Array
}

export type HistoryEntity = 'meta' | 'area' | 'stakeholder' | 'action' | 'comment' | 'verdict' | 'thread'

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
  /** The action a discussion entry is about (comments, verdicts, threads). */
  actionId?: string
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
    event.changes.keys.forEach((change, key) => push('meta', 'plan', key, jsonOf(change.oldValue) ?? null, jsonOf(maps.meta.get(key)) ?? null))
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
          event.changes.keys.forEach((change, key) => {
            // A field never written held its default (actions store only what differs from it).
            const unset = entity === 'action' ? (ACTION_DEFAULTS as Record<string, unknown>)[key] : undefined
            const before = change.action === 'add' ? unset : jsonOf(change.oldValue)
            push(entity, id, key, before ?? null, jsonOf(target.get(key)) ?? null)
          })
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

const field = (value: unknown, key: string): unknown => (value instanceof Y.Map ? value.get(key) : undefined)

/**
 * The same for the discussion doc: who commented on which action, who gave which verdict,
 * who resolved or reopened a thread.
 */
export const discussionChanges = (log: readonly HistoryUpdate[]): FieldChange[] => {
  const doc = new Y.Doc()
  const maps = discussionMaps(doc)
  const changes: FieldChange[] = []
  let current: HistoryUpdate | null = null
  const push = (change: Omit<FieldChange, 'seq' | 'at' | 'author'>) => {
    if (current) changes.push({ seq: current.seq, at: current.at, author: current.author, ...change })
  }
  maps.comments.observe((event) => {
    event.changes.keys.forEach((change, id) => {
      const comment = maps.comments.get(id)
      if (change.action === 'add' && comment) {
        push({ entity: 'comment', entityId: id, field: '*', before: null, after: comment.get('body') ?? null, actionId: String(comment.get('actionId') ?? '') })
      }
    })
  })
  maps.verdicts.observe((event) => {
    event.changes.keys.forEach((change, key) => {
      const verdict = maps.verdicts.get(key)
      if (!verdict) return
      push({ entity: 'verdict', entityId: key, field: 'verdict', before: field(change.oldValue, 'verdict') ?? null, after: verdict.get('verdict') ?? null, actionId: String(verdict.get('actionId') ?? '') })
    })
  })
  maps.threads.observeDeep((events) => {
    for (const event of events) {
      const id = event.path[0]
      if (event.target === maps.threads || typeof id !== 'string' || !(event instanceof Y.YMapEvent)) continue
      const thread = maps.threads.get(id)
      event.changes.keys.forEach((change, key) => {
        if (key === 'resolved') push({ entity: 'thread', entityId: id, field: 'resolved', before: change.oldValue ?? null, after: thread?.get('resolved') ?? null, actionId: String(thread?.get('actionId') ?? '') })
      })
    }
  })
  for (const entry of log) {
    current = entry
    Y.applyUpdate(doc, entry.update)
  }
  doc.destroy()
  return changes
}
