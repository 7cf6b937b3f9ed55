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

/** The doc a replay reads: a plan, its discussion, or one action's description (its note). */
export type HistoryKind = 'plan' | 'discussion' | { note: string }

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
  /**
   * The edit was accepted but a concurrent edit of the same field, logged before it, won
   * the merge: its value was never shown. `overwrittenBy` names the winner's author.
   */
  overwritten?: true
  overwrittenBy?: HistoryUpdate['author']
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

/** Where a map item sits: the plan's meta, or a field of an area, stakeholder or action. */
const entityOf = (doc: Y.Doc, parent: Y.AbstractType<unknown>): { entity: HistoryEntity; id: string } | null => {
  const maps = planMaps(doc)
  if (parent === maps.meta) return { entity: 'meta', id: 'plan' }
  const holder = parent._item
  if (!holder || typeof holder.parentSub !== 'string') return null
  for (const name of ['areas', 'stakeholders', 'actions'] as const) {
    if (holder.parent === maps[name]) return { entity: ENTITY_BY_MAP[name], id: holder.parentSub }
  }
  return null
}

/**
 * Fields an update set whose value lost on arrival to a concurrent write logged before it.
 * Yjs keeps one value per key: the loser is integrated already deleted and no observer
 * hears of it, so the update's own items are looked up after it is applied. Its value is
 * read from the update itself: the doc has dropped a deleted item's content.
 */
const overwrittenFields = (doc: Y.Doc, written: readonly Y.Item[], deletedByAuthor: ReturnType<typeof Y.decodeUpdate>['ds']): Omit<FieldChange, 'seq' | 'at' | 'author'>[] =>
  written.flatMap((item) => {
    if (Y.isDeleted(deletedByAuthor, item.id) || item.parentSub === null) return []
    let stored: Y.AbstractStruct
    try {
      stored = Y.getItem(doc.store, item.id)
    } catch {
      return [] // still waiting for an update it depends on
    }
    if (!(stored instanceof Y.Item) || !stored.deleted || !(stored.parent instanceof Y.AbstractType)) return []
    const winner = stored.parent._map.get(item.parentSub)
    if (!winner || winner === stored || winner.deleted) return []
    const at = entityOf(doc, stored.parent)
    if (!at) return []
    return [{ entity: at.entity, entityId: at.id, field: item.parentSub, before: null, after: jsonOf(item.content.getContent().at(-1)) ?? null, overwritten: true as const }]
  })

/** The plain text of a Lexical description as its Yjs binding stores it: blocks are nested texts, one per line. */
const noteText = (text: Y.XmlText): string =>
  text
    .toDelta()
    .map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : op.insert instanceof Y.XmlText ? `${noteText(op.insert)}\n` : ''))
    .join('')

/** Longest description text kept in one history entry. */
const NOTE_TEXT_MAX = 1_000
const clip = (text: string): string => {
  const trimmed = text.trim()
  return trimmed.length > NOTE_TEXT_MAX ? `${trimmed.slice(0, NOTE_TEXT_MAX)}…` : trimmed
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

  constructor(
    private readonly kind: HistoryKind,
    state?: Uint8Array,
  ) {
    if (state) Y.applyUpdate(this.doc, state)
    const push: Push = (change) => {
      if (this.current) this.changes.push({ seq: this.current.seq, at: this.current.at, author: this.current.author, ...change })
    }
    if (kind === 'plan') observePlan(this.doc, push, () => this.changes.at(-1))
    else if (kind === 'discussion') observeDiscussion(this.doc, push)
  }

  /** The changes one logged update made. */
  apply(entry: HistoryUpdate): FieldChange[] {
    this.current = entry
    this.changes = []
    if (this.kind === 'plan') {
      const { structs, ds } = Y.decodeUpdate(entry.update)
      Y.applyUpdate(this.doc, entry.update)
      const heard = new Set(this.changes.map((c) => `${c.entityId}/${c.field}`))
      const items = structs.filter((s): s is Y.Item => s instanceof Y.Item)
      for (const lost of overwrittenFields(this.doc, items, ds)) {
        if (!heard.has(`${lost.entityId}/${lost.field}`)) this.changes.push({ seq: entry.seq, at: entry.at, author: entry.author, ...lost })
      }
    } else if (typeof this.kind === 'object') {
      const text = this.doc.get('root', Y.XmlText)
      const before = clip(noteText(text))
      Y.applyUpdate(this.doc, entry.update)
      const after = clip(noteText(text))
      if (after !== before) this.changes.push({ seq: entry.seq, at: entry.at, author: entry.author, entity: 'action', entityId: this.kind.note, field: 'description', before, after })
    } else {
      Y.applyUpdate(this.doc, entry.update)
    }
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

const replayAll = (kind: HistoryKind, log: readonly HistoryUpdate[]): FieldChange[] => {
  const replay = new HistoryReplay(kind)
  const changes = log.flatMap((entry) => replay.apply(entry))
  replay.destroy()
  return changes
}

/** Every field change of a plan's log. */
export const fieldChanges = (log: readonly HistoryUpdate[]): FieldChange[] => replayAll('plan', log)

/** Every comment, verdict and thread resolution of a discussion's log. */
export const discussionChanges = (log: readonly HistoryUpdate[]): FieldChange[] => replayAll('discussion', log)
