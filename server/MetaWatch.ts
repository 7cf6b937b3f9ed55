import * as Y from 'yjs'
import type { ParsedUpdate } from './DocState.js'
import type { MetaItem } from './storage/UpdateLog.js'

const idKey = (client: number, clock: number): string => `${client}:${clock}`

/**
 * Reads, without a doc, what an update writes to the plan's meta (its title, its
 * deletion), which the server's plan list shows. An item that sets a new key names the
 * root map and the key; one that overwrites a key names only the item it follows, so the
 * watch remembers which item holds which key: those the last compaction found, and every
 * meta item seen since. Concurrent writers to one key are ordered by the compaction that
 * a meta write asks for; until then the last one read is shown.
 */
export class MetaWatch {
  private readonly keys = new Map<string, string>()

  constructor(private readonly root = 'meta') {}

  /** Items the compactor found holding the map's values. */
  learn(items: readonly MetaItem[]): void {
    for (const [client, clock, key] of items) this.keys.set(idKey(client, clock), key)
  }

  /**
   * The meta values `update` writes, or null if it writes none. An update read off the
   * sync thread (no structs) may have written any: it is answered with an empty record.
   */
  read(update: ParsedUpdate): Record<string, unknown> | null {
    if (!update.structs) return {}
    let written: Record<string, unknown> | null = null
    for (const s of update.structs) {
      if (!(s instanceof Y.Item)) continue
      const key = this.keyOf(s)
      if (key === undefined) continue
      this.keys.set(idKey(s.id.client, s.id.clock), key)
      written ??= {}
      if (s.content instanceof Y.ContentAny) written[key] = s.content.getContent().at(-1)
    }
    return written
  }

  private keyOf(item: Y.Item): string | undefined {
    if ((item.parent as unknown) === this.root && item.parentSub !== null) return item.parentSub
    const neighbour = item.origin ?? item.rightOrigin
    return neighbour ? this.keys.get(idKey(neighbour.client, neighbour.clock)) : undefined
  }
}
