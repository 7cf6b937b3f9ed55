import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import type { ClientDeletes, ClockNeed, ClockRange } from './compaction/updateSummary.mjs'
import { ChildJobs } from './ChildJobs.js'
import type { JobIsolation } from './JobPeer.js'
import { compact } from './compaction/compact.mjs'
import type { Checkpoint } from './storage/UpdateLog.js'

const bytes = z.instanceof(Uint8Array)
const Compacted = z.object({
  id: z.number(),
  state: bytes,
  stateVector: bytes,
  deletes: bytes,
  meta: z.record(z.string(), z.unknown()),
  metaItems: z.array(z.tuple([z.number(), z.number(), z.string()])),
})
const Inspected = z.object({
  id: z.number(),
  ranges: z.array(z.tuple([z.number(), z.number(), z.number()])),
  deletes: z.array(z.tuple([z.number(), z.array(z.tuple([z.number(), z.number()]))])),
  needs: z.array(z.tuple([z.number(), z.number()])),
})
const Failed = z.object({ id: z.number(), error: z.string() })
const Reply = z.union([Failed, Compacted, Inspected])

/** Rooms up to this size are compacted on the sync thread (about 1 ms); larger ones in the process. */
const COMPACT_HERE_MAX_BYTES = 64 * 1024

/** What a large update holds, read off the sync thread. */
export interface Inspection {
  ranges: ClockRange[]
  deletes: ClientDeletes[]
  needs: ClockNeed[]
}

/**
 * Decodes large docs and large updates in a child process, one job at a time: merging a
 * room's updates into a checkpoint, and reading a large incoming update. The process starts on
 * first use and exits once idle, giving back the tens of MB a large plan's doc took. If it
 * dies, the jobs it held fail (a room keeps its updates and compacts at its next
 * checkpoint; a large update's sender is disconnected and sends it again).
 */
export class Compactor {
  private readonly jobs: ChildJobs<z.infer<typeof Reply>>

  constructor(isolation: JobIsolation = 'process', idleMs = 1_000) {
    const file = fileURLToPath(new URL('./compaction/process.mjs', import.meta.url))
    this.jobs = new ChildJobs({ file, execArgv: ['--optimize-for-size', '--max-semi-space-size=2'], isolation, reply: Reply, name: 'compaction process', idleMs })
  }

  async compact(parts: readonly Uint8Array[]): Promise<Checkpoint> {
    // A small room merges here in a millisecond or two: no process (some 40 MB) for it.
    if (parts.reduce((sum, part) => sum + part.byteLength, 0) <= COMPACT_HERE_MAX_BYTES) return compact(parts)
    const reply = await this.jobs.run('compact', parts)
    if (!('state' in reply)) throw new Error('the compaction process answered a compaction with something else')
    return reply
  }

  async inspect(update: Uint8Array): Promise<Inspection> {
    const reply = await this.jobs.run('inspect', update)
    if (!('ranges' in reply)) throw new Error('the compaction process answered an inspection with something else')
    return reply
  }

  close(): Promise<void> {
    return this.jobs.close()
  }
}
