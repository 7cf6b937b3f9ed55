import * as Y from 'yjs'

type ChangedType = Y.Transaction['changed'] extends Map<infer T, unknown> ? T : never

/** Accepted updates kept for a rebuild before they are folded into one state. */
const FOLD_AFTER = 200

/**
 * What one update touched in a doc whose roots are maps of entries: per root (null for
 * anything outside the known roots), per entry key, the fields changed inside it (null when
 * the entry itself was set or removed, `*` for a change deeper than its own fields).
 */
export type Touched = Map<string | null, Map<string, Set<string> | null>>

/**
 * A server-side copy of a small guarded doc (a discussion, a workshop): a write is applied
 * to it first, what it touched is read, and a refused write is rolled back by rebuilding
 * from the accepted updates, so the copy never holds what the room refused.
 */
export class ShadowDoc {
  doc = new Y.Doc()
  private applied: Uint8Array[]

  constructor(
    parts: readonly Uint8Array[],
    private readonly roots: readonly string[],
  ) {
    this.applied = [...parts]
    this.rebuild()
  }

  /** Applies `update` and reports what it touched; `accept` or `rollback` must follow. */
  apply(update: Uint8Array): Touched {
    const touched: Touched = new Map()
    const record = (tr: Y.Transaction) => {
      for (const [type, keys] of tr.changed) {
        const { root, entries, fields } = this.entryOf(type, keys)
        const byKey = touched.get(root) ?? new Map<string, Set<string> | null>()
        for (const key of entries) {
          if (fields === null) byKey.set(key, null)
          else if (byKey.get(key) !== null) byKey.set(key, new Set([...(byKey.get(key) ?? []), ...fields]))
        }
        touched.set(root, byKey)
      }
    }
    this.doc.on('afterTransaction', record)
    try {
      Y.applyUpdate(this.doc, update)
    } finally {
      this.doc.off('afterTransaction', record)
    }
    return touched
  }

  accept(update: Uint8Array): void {
    this.applied.push(update)
    if (this.applied.length > FOLD_AFTER) this.applied = [Y.encodeStateAsUpdate(this.doc)]
  }

  rollback(): void {
    this.rebuild()
  }

  destroy(): void {
    this.doc.destroy()
  }

  private entryOf(type: ChangedType, keys: Set<string | null>): { root: string | null; entries: string[]; fields: string[] | null } {
    if (type._item === null) {
      const root = this.roots.find((name) => this.doc.share.get(name) === type) ?? null
      return { root, entries: [...keys].filter((k): k is string => k !== null), fields: null }
    }
    let item = type._item
    let depth = 1
    while (item.parent instanceof Y.AbstractType && item.parent._item !== null) {
      item = item.parent._item
      depth++
    }
    const root = this.roots.find((name) => this.doc.share.get(name) === item.parent) ?? null
    const fields = depth === 1 ? [...keys].map((k) => k ?? '*') : ['*']
    return { root, entries: item.parentSub === null ? [] : [item.parentSub], fields }
  }

  private rebuild(): void {
    this.doc.destroy()
    this.doc = new Y.Doc()
    this.doc.transact(() => {
      for (const part of this.applied) Y.applyUpdate(this.doc, part)
    })
  }
}
