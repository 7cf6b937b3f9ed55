import * as Y from 'yjs'
import { mayGiveVerdict, type Identity } from '../shared/access.js'
import { verdictOrg } from '../shared/discussion.js'

/** The discussion doc's roots; anything else is refused. */
const ROOTS = ['threads', 'comments', 'verdicts'] as const
type Root = (typeof ROOTS)[number]

type ChangedType = Y.Transaction['changed'] extends Map<infer T, unknown> ? T : never

/** Accepted updates kept for a rebuild before they are folded into one state. */
const FOLD_AFTER = 200

const personKey = (person: unknown): string | null => {
  if (typeof person !== 'object' || person === null) return null
  const { name, org } = person as { name?: unknown; org?: unknown }
  return typeof name === 'string' ? JSON.stringify([name.trim(), typeof org === 'string' ? org : '']) : null
}

/**
 * Authorship in a plan's discussion, proven by the server. The discussion doc is small, so
 * this guard holds it as a Y.Doc and applies each write to it first: the write is taken
 * only if every entry it touches belongs to the writer's invite. A comment is its
 * author's (its `author` must be the invite's name and organization, and only that author
 * may change or delete it); a verdict is its organization's (key, `org` and `by` must be
 * the invite's); a thread is open to every writer to start, resolve or reopen, never to
 * remove (its comments would vanish with it).
 * A refused write leaves the doc as it was before it.
 */
export class DiscussionGuard {
  private doc = new Y.Doc()
  private applied: Uint8Array[]
  private readonly commentAuthors = new Map<string, string | null>()
  private readonly threads = new Set<string>()

  constructor(parts: readonly Uint8Array[]) {
    this.applied = [...parts]
    this.rebuild()
  }

  /** Applies `update` if `writer` may make every change in it; else the reason it may not. */
  admit(update: Uint8Array, writer: Identity): string | null {
    const touched = new Map<Root | null, Set<string>>()
    /** Threads set, replaced or removed as a whole, and the fields changed inside existing ones. */
    const threadEntries = new Set<string>()
    const threadFields = new Set<string>()
    const record = (tr: Y.Transaction) => {
      for (const [type, keys] of tr.changed) {
        const entry = this.entryOf(type, keys)
        const set = touched.get(entry.root) ?? new Set<string>()
        for (const key of entry.keys) set.add(key)
        touched.set(entry.root, set)
        if (entry.root !== 'threads') continue
        if (entry.fields === null) entry.keys.forEach((key) => threadEntries.add(key))
        else if (entry.keys.some((key) => this.threads.has(key))) entry.fields.forEach((field) => threadFields.add(field))
      }
    }
    this.doc.on('afterTransaction', record)
    try {
      Y.applyUpdate(this.doc, update)
    } finally {
      this.doc.off('afterTransaction', record)
    }
    const refusal =
      [...threadEntries].some((key) => this.threads.has(key))
        ? 'a thread cannot be removed or replaced'
        : [...threadFields].some((field) => field !== 'resolved')
          ? 'of a thread, only whether it is resolved can change'
          : this.check(touched, writer)
    if (refusal) {
      this.rebuild()
      return refusal
    }
    for (const key of touched.get('comments') ?? []) this.commentAuthors.set(key, this.authorOf(key))
    for (const key of threadEntries) this.threads.add(key)
    this.applied.push(update)
    if (this.applied.length > FOLD_AFTER) this.applied = [Y.encodeStateAsUpdate(this.doc)]
    return null
  }

  destroy(): void {
    this.doc.destroy()
  }

  private check(touched: Map<Root | null, Set<string>>, writer: Identity): string | null {
    if (touched.has(null)) return 'the discussion holds threads, comments and verdicts only'
    const me = personKey(writer)
    for (const key of touched.get('comments') ?? []) {
      const before = this.commentAuthors.get(key)
      if (before !== undefined && before !== me) return 'a comment can be changed only by its author'
      const after = this.doc.getMap('comments').has(key) ? this.authorOf(key) : me
      if (after !== me) return 'a comment must carry the name and organization of the invite that writes it'
    }
    const org = verdictOrg(writer)
    if (touched.has('verdicts') && !mayGiveVerdict(writer.role)) return `a ${writer.role} comments, but gives no organization's verdict`
    for (const key of touched.get('verdicts') ?? []) {
      if (key.slice(key.indexOf('|') + 1) !== org) return "an organization's verdict is given only through that organization's invites"
      const entry = this.doc.getMap('verdicts').get(key)
      if (entry === undefined) continue
      if (!(entry instanceof Y.Map) || entry.get('org') !== org || personKey(entry.get('by')) !== me) {
        return 'a verdict must carry the organization and name of the invite that gives it'
      }
    }
    return null
  }

  /**
   * The root and the entry keys a changed type belongs to (root null for anything outside
   * the three), and the fields changed inside the entry: null when entries themselves were
   * set or removed, `*` for a change deeper than the entry's own fields.
   */
  private entryOf(type: ChangedType, keys: Set<string | null>): { root: Root | null; keys: string[]; fields: string[] | null } {
    if (type._item === null) {
      const root = ROOTS.find((name) => this.doc.share.get(name) === type) ?? null
      return { root, keys: [...keys].filter((k): k is string => k !== null), fields: null }
    }
    let item = type._item
    let depth = 1
    while (item.parent instanceof Y.AbstractType && item.parent._item !== null) {
      item = item.parent._item
      depth++
    }
    const parent = item.parent
    const root = ROOTS.find((name) => this.doc.share.get(name) === parent) ?? null
    const fields = depth === 1 ? [...keys].map((k) => k ?? '*') : ['*']
    return { root, keys: item.parentSub === null ? [] : [item.parentSub], fields }
  }

  private authorOf(key: string): string | null {
    const entry = this.doc.getMap('comments').get(key)
    return entry instanceof Y.Map ? personKey(entry.get('author')) : null
  }

  private rebuild(): void {
    this.doc.destroy()
    this.doc = new Y.Doc()
    this.doc.transact(() => {
      for (const part of this.applied) Y.applyUpdate(this.doc, part)
    })
    this.commentAuthors.clear()
    this.doc.getMap('comments').forEach((_, key) => this.commentAuthors.set(key, this.authorOf(key)))
    this.threads.clear()
    this.doc.getMap('threads').forEach((_, key) => this.threads.add(key))
  }
}
