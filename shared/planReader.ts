import type * as Y from 'yjs'
import { planMaps } from './layout.js'
import { assemblePlan, readEntry, readMeta, type Collection, type EntryRead, type PlanView } from './read.js'

const COLLECTIONS: Collection[] = ['areas', 'stakeholders', 'actions']

/**
 * Follows a live doc and keeps a plan view that re-reads only the entries a change touched,
 * so that one edit in a plan of thousands of actions parses one action, not all of them.
 * `read()` returns the same object until the doc changes (what React's external-store
 * hook needs); `subscribe` returns its unsubscribe function.
 */
export class PlanReader {
  private readonly cache: Record<Collection, Map<string, EntryRead>> = { areas: new Map(), stakeholders: new Map(), actions: new Map() }
  private readonly dirty: Record<Collection, Set<string> | 'all'> = { areas: 'all', stakeholders: 'all', actions: 'all' }
  private metaDirty = true
  private meta: PlanView['meta'] | null = null
  private view: PlanView | null = null
  private readonly listeners = new Set<() => void>()
  private readonly unobserve: (() => void)[] = []

  constructor(private readonly doc: Y.Doc) {
    const maps = planMaps(doc)
    for (const collection of COLLECTIONS) {
      const map = maps[collection]
      const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
        for (const event of events) {
          if (event.target === map) for (const key of event.changes.keys.keys()) this.markDirty(collection, key)
          else if (typeof event.path[0] === 'string') this.markDirty(collection, event.path[0])
        }
        this.changed()
      }
      map.observeDeep(observer)
      this.unobserve.push(() => map.unobserveDeep(observer))
    }
    const metaObserver = () => {
      this.metaDirty = true
      this.changed()
    }
    maps.meta.observeDeep(metaObserver)
    this.unobserve.push(() => maps.meta.unobserveDeep(metaObserver))
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  read(): PlanView {
    if (this.view) return this.view
    const maps = planMaps(this.doc)
    if (this.metaDirty || !this.meta) this.meta = readMeta(this.doc)
    this.metaDirty = false
    for (const collection of COLLECTIONS) {
      const cache = this.cache[collection]
      const dirty = this.dirty[collection]
      const map = maps[collection]
      if (dirty === 'all') {
        cache.clear()
        map.forEach((entry, id) => cache.set(id, readEntry(collection, id, entry)))
      } else {
        for (const id of dirty) {
          const entry = map.get(id)
          if (entry === undefined) cache.delete(id)
          else cache.set(id, readEntry(collection, id, entry))
        }
      }
      this.dirty[collection] = new Set()
    }
    this.view = assemblePlan(this.meta, {
      areas: this.cache.areas.values(),
      stakeholders: this.cache.stakeholders.values(),
      actions: this.cache.actions.values(),
    })
    return this.view
  }

  destroy(): void {
    this.unobserve.forEach((stop) => stop())
    this.listeners.clear()
  }

  private markDirty(collection: Collection, id: string): void {
    const dirty = this.dirty[collection]
    if (dirty !== 'all') dirty.add(id)
  }

  private changed(): void {
    this.view = null
    this.listeners.forEach((listener) => listener())
  }
}
