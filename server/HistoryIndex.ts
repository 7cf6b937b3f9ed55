import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { ChildJobs } from './ChildJobs.js'
import type { JobIsolation } from './JobPeer.js'
import type { HistoryQuery } from '../shared/historyQuery.js'
import { RoundClosing, type RoundInput } from '../shared/rounds.js'
import type { HistoryLog } from './storage/HistoryLog.js'

/** A page, as the API's JSON text: the sync thread passes it on without parsing it. */
const Page = z.object({ id: z.number(), body: z.string() })
const Reply = z.union([z.object({ id: z.number(), error: z.string() }), Page])

// Under tsx (development, tests) the process runs from its TypeScript source; built, from its JavaScript.
const fromSource = import.meta.url.endsWith('.ts')

/**
 * The plan history, computed where it cannot delay fan-out: in a process of its own that
 * reads the log itself and keeps a change index in the data folder
 * (`history/indexProcess.ts`). A query replays only what was logged since the last one,
 * then reads one page of the index, filtered by action or time in SQL.
 */
export class HistoryIndex {
  private readonly jobs: ChildJobs<z.infer<typeof Reply>>

  constructor(
    private readonly dataDir: string,
    private readonly log: HistoryLog,
    isolation: JobIsolation,
  ) {
    this.jobs = new ChildJobs({
      file: fileURLToPath(new URL(`./history/indexProcess.${fromSource ? 'ts' : 'js'}`, import.meta.url)),
      execArgv: fromSource ? ['--import', 'tsx'] : [],
      isolation,
      reply: Reply,
      name: 'history process',
      idleMs: 30_000,
    })
  }

  /**
   * What a plan's history depends on: the log's mark of the plan, and how many names this
   * process changed. A page fetched at the same version is the same.
   */
  async version(planId: string, names: number): Promise<string> {
    return `"${await this.log.historyMark(planId)}.${names}"`
  }

  /** One page of the plan's history, as the JSON text of `GET /api/plans/ID/history`. */
  async query(query: HistoryQuery): Promise<string> {
    const reply = await this.jobs.run('query', { dataDir: this.dataDir, log: this.log.place, query })
    if (!('body' in reply)) throw new Error('the history process answered with something else')
    return reply.body
  }

  /** Where the organizations a round asks stand now, and the log positions that was read at. */
  async summarizeRound(planId: string, round: Pick<RoundInput, 'actionIds' | 'orgs'>): Promise<RoundClosing> {
    const reply = await this.jobs.run('round', { dataDir: this.dataDir, log: this.log.place, planId, round: { actionIds: round.actionIds, orgs: round.orgs } })
    if (!('body' in reply)) throw new Error('the history process answered with something else')
    return RoundClosing.parse(JSON.parse(reply.body))
  }

  close(): Promise<void> {
    return this.jobs.close()
  }
}
