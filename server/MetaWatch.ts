import * as Y from 'yjs'
import type { ParsedUpdate } from './DocState.js'

type ItemId = readonly [client: number, clock: number]

const key = (client: number, clock: number): string => `${client}:${clock}`

/**
 * Tells, without a doc, whether an update writes the plan's meta (its title, its deletion),
 * which the server's plan list shows. An item that sets a new key names the root map it
 * goes into; one that overwrites a key names only the item it follows, so the watch
 * remembers which items hold meta values: those the last compaction found, and every
 * meta item seen since.
 */
export class MetaWatch {
  private readonly items = new Set<string>()

  constructor(private readonly root = 'meta') {}

  /** Items the compactor found holding the map's values. */
  learn(ids: readonly ItemId[]): void {
    for (const [client, clock] of ids) this.items.add(key(client, clock))
  }

  /** Whether `update` writes the meta; one read off this thread (no structs) is taken to. */
  writes(update: ParsedUpdate): boolean {
    if (!update.structs) return true
    let found = false
    for (const s of update.structs) {
      if (!(s instanceof Y.Item)) continue
      const inRoot =
        (s.parent as unknown) === this.root ||
        (s.origin !== null && this.items.has(key(s.origin.client, s.origin.clock))) ||
        (s.rightOrigin !== null && this.items.has(key(s.rightOrigin.client, s.rightOrigin.clock)))
      if (!inRoot) continue
      this.items.add(key(s.id.client, s.id.clock))
      found = true
    }
    return found
  }
}
