// The compaction process. Decoding a large plan takes 100 ms and tens of MB; here it costs
// the sync thread neither, and the memory goes back to the system when the process exits
// (a worker thread's did not). Plain JavaScript, so that it runs as it is under tsx,
// vitest and the compiled server alike; the server parses what it sends back.
import { compact } from './compact.mjs'
import { summarizeUpdate } from './updateSummary.mjs'

const inspect = (update) => {
  const { ranges, deletes, needs } = summarizeUpdate(update)
  return { ranges, deletes, needs }
}

process.on('message', ({ id, job, input }) => {
  try {
    process.send({ id, ...(job === 'compact' ? compact(input) : inspect(input)) })
  } catch (error) {
    process.send({ id, error: error instanceof Error ? error.message : String(error) })
  }
})
process.on('disconnect', () => process.exit(0))
