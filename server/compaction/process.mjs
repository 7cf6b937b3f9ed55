// The compaction process. Decoding a large plan takes 100 ms and tens of MB; here it costs
// the sync thread neither, and the memory goes back to the system when the process exits
// (a worker thread's did not; the desktop app, which cannot fork, runs it as one all the same). Plain JavaScript, so that it runs as it is under tsx,
// vitest and the compiled server alike; the server parses what it sends back.
import { serveJobs } from '../jobChannel.mjs'
import { compact } from './compact.mjs'
import { summarizeUpdate } from './updateSummary.mjs'

const inspect = (update) => {
  const { ranges, deletes, needs } = summarizeUpdate(update)
  return { ranges, deletes, needs }
}

serveJobs(
  ({ id, job, input }, reply) => {
    try {
      reply({ id, ...(job === 'compact' ? compact(input) : inspect(input)) })
    } catch (error) {
      reply({ id, error: error instanceof Error ? error.message : String(error) })
    }
  },
  () => process.exit(0),
)
