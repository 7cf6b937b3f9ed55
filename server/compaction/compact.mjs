import * as Y from 'yjs'

/**
 * Merges a room's updates into one garbage-collected state, with what a checkpoint keeps
 * beside it: its state vector, its deletions, the plan's meta and which item holds each
 * meta key (an update that overwrites one names only the item). Plain JavaScript, shared by
 * the sync thread (small rooms) and the compaction process (large ones).
 */
export const compact = (parts) => {
  const doc = new Y.Doc({ gc: true })
  doc.transact(() => {
    for (const part of parts) Y.applyUpdate(doc, part)
  })
  const stateVector = Y.encodeStateVector(doc)
  const meta = doc.getMap('meta')
  const result = {
    state: Y.encodeStateAsUpdate(doc),
    stateVector,
    deletes: Y.encodeStateAsUpdate(doc, stateVector),
    meta: meta.toJSON(),
    metaItems: [...meta._map].map(([key, item]) => [item.id.client, item.id.clock, key]),
  }
  doc.destroy()
  return result
}
