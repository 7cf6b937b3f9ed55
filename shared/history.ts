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

type Push = (change: Omit<FieldChange, 'seq' | 'at' | 'author'>) => void

const observePlan = (doc: Y.Doc, push: Push, last: () => FieldChange | undefined): void => {
  const maps = planMaps(doc)
  maps.meta.observe((event) => {
    event.changes.keys.forEach((change, key) => push({ entity: 'meta', entityId: 'plan', field: key, before: jsonOf(change.oldValue) ?? null, after: jsonOf(maps.meta.get(key)) ?? null }))
  })
  for (const name of ['areas', 'stakeholders', 'actions'] as const) {
    const map = maps[name]
    const entity = ENTITY_BY_MAP[name]
    map.observeDeep((events) => {
      for (const event of events) {
        if (event.target === map) {
          event.changes.keys.forEach((change, id) => {
            if (change.action !== 'update') push({ entity, entityId: id, field: '*', before: jsonOf(change.oldValue) ?? null, after: jsonOf(map.get(id)) ?? null })
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
            push({ entity, entityId: id, field: key, before: before ?? null, after: jsonOf(target.get(key)) ?? null })
          })
        } else {
          // A change inside a nested type (an indicator): report the field as a whole, once per update.
          const field = String(event.path[1] ?? '')
          const previous = last()
          if (previous?.entityId === id && previous.field === field) continue
          push({ entity, entityId: id, field, before: null, after: jsonOf(map.get(id)?.get(field)) ?? null })
        }
      }
    })
  }
}

const field = (value: unknown, key: string): unknown => (value instanceof Y.Map ? value.get(key) : undefined)

const observeDiscussion = (doc: Y.Doc, push: Push): void => {
  const maps = discussionMaps(doc)
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
}

/**
 * Replays a room's log in order and reports, update by update, which field of which entity
 * changed, from what to what, and who sent it: the plan's fields, or the discussion's
 * comments, verdicts and thread resolutions. The author comes from the server's record of
 * the token, so a name a client writes into the doc changes nothing here. A replay can
 * start from the state an earlier one reached (`state()`), so a log is replayed once.
 */
export class HistoryReplay {
  private readonly doc = new Y.Doc()
  private current: HistoryUpdate | null = null
  private changes: FieldChange[] = []

  constructor(kind: 'plan' | 'discussion', state?: Uint8Array) {
    if (state) Y.applyUpdate(this.doc, state)
    const push: Push = (change) => {
      if (this.current) this.changes.push({ seq: this.current.seq, at: this.current.at, author: this.current.author, ...change })
    }
    if (kind === 'plan') observePlan(this.doc, push, () => this.changes.at(-1))
    else observeDiscussion(this.doc, push)
  }

  /** The changes one logged update made. */
  apply(entry: HistoryUpdate): FieldChange[] {
    this.current = entry
    this.changes = []
    Y.applyUpdate(this.doc, entry.update)
    this.current = null
    return this.changes
  }

  state(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc)
  }

  destroy(): void {
    this.doc.destroy()
  }
}

const replayAll = (kind: 'plan' | 'discussion', log: readonly HistoryUpdate[]): FieldChange[] => {
  const replay = new HistoryReplay(kind)
  const changes = log.flatMap((entry) => replay.apply(entry))
  replay.destroy()
  return changes
}

/** Every field change of a plan's log. */
export const fieldChanges = (log: readonly HistoryUpdate[]): FieldChange[] => replayAll('plan', log)

/** Every comment, verdict and thread resolution of a discussion's log. */
export const discussionChanges = (log: readonly HistoryUpdate[]): FieldChange[] => replayAll('discussion', log)
