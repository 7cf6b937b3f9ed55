import * as Y from 'yjs'

/**
 * What the server keeps track of in an update: the clock ranges of its structs per client
 * (skips left out: they mark structs the update does not hold), its deleted ranges, and
 * what it depends on: per client, the clock up to which a doc must hold structs for the
 * update to apply in full (its items' origins and parents, and what it deletes).
 * Plain JavaScript, shared by the sync thread and the compaction process.
 */
export const summarizeUpdate = (bytes) => {
  const { structs, ds } = Y.decodeUpdate(bytes)
  const ranges = []
  const needs = new Map()
  const need = (id) => {
    if (id && id.clock + 1 > (needs.get(id.client) ?? 0)) needs.set(id.client, id.clock + 1)
  }
  for (const s of structs) {
    if (s instanceof Y.Skip) continue
    const last = ranges.at(-1)
    if (last && last[0] === s.id.client && last[2] === s.id.clock) last[2] += s.length
    else ranges.push([s.id.client, s.id.clock, s.id.clock + s.length])
    if (s instanceof Y.Item) {
      need(s.origin)
      need(s.rightOrigin)
      if (s.parent instanceof Y.ID) need(s.parent)
    }
  }
  const deletes = [...ds.clients].map(([client, items]) => [client, items.map((d) => [d.clock, d.len])])
  for (const [client, items] of deletes) for (const [clock, len] of items) need({ client, clock: clock + len - 1 })
  return { structs, ranges, deletes, needs: [...needs] }
}
