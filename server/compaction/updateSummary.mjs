import * as Y from 'yjs'

/**
 * What the server keeps track of in an update: the clock ranges of its structs per client
 * (skips left out: they mark structs the update does not hold) and its deleted ranges.
 * Plain JavaScript, shared by the sync thread and the compaction process.
 */
export const summarizeUpdate = (bytes) => {
  const { structs, ds } = Y.decodeUpdate(bytes)
  const ranges = []
  for (const s of structs) {
    if (s instanceof Y.Skip) continue
    const last = ranges.at(-1)
    if (last && last[0] === s.id.client && last[2] === s.id.clock) last[2] += s.length
    else ranges.push([s.id.client, s.id.clock, s.id.clock + s.length])
  }
  const deletes = [...ds.clients].map(([client, items]) => [client, items.map((d) => [d.clock, d.len])])
  return { structs, ranges, deletes }
}
