import { describe, expect, it } from 'vitest'
import { createPlan, readPlan } from '../../shared/index.js'
import { SqliteUpdateLog, type Checkpoint, type LogEntry, type UpdateLog } from '../../server/index.js'
import { content, synced, tempDataDir } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'
import { serverFixture } from '../helpers/fixture.js'

/** The real SQLite log, with faults switched on and off by the test. */
class FaultyLog implements UpdateLog {
  failLoads = 0
  failAppends = 0
  constructor(private readonly inner: SqliteUpdateLog) {}
  load(room: string) {
    if (this.failLoads-- > 0) return Promise.reject(new Error('disk unavailable'))
    return this.inner.load(room)
  }
  append(entries: readonly LogEntry[]) {
    if (this.failAppends-- > 0) return Promise.reject(new Error('disk full'))
    return this.inner.append(entries)
  }
  readLog(room: string) {
    return this.inner.readLog(room)
  }
  head(room: string) {
    return this.inner.head(room)
  }
  checkpoint(room: string, checkpoint: Checkpoint, seq: number, known: number) {
    return this.inner.checkpoint(room, checkpoint, seq, known)
  }
  close() {
    return this.inner.close()
  }
}

const fx = serverFixture()
const join = fx.join

describe('storage faults', () => {
  it('a failed load is an error to the client, never an empty doc, and the next try gets the real plan', async () => {
    const dataDir = tempDataDir()
    await fx.start({ dataDir })
    const alice = await join()
    await synced(alice)
    createPlan(alice.doc, { template: 'access-to-remedy' })
    const watcher = await join()
    await synced(watcher)
    await waitFor('stored', () => readPlan(watcher.doc).areas.length === 4)
    const before = content(alice.doc)
    fx.dropClients()
    
    const log = new FaultyLog(new SqliteUpdateLog(dataDir, 'full'))
    log.failLoads = 2
    await fx.start({ dataDir }, { log })
    const bob = await join()
    // y-websocket reconnects with backoff; the first two attempts are refused with 503.
    await synced(bob, 10_000)
    expect(content(bob.doc)).toEqual(before)
    const metrics = await fx.server().metrics.registry.getSingleMetricAsString('jointplan_storage_load_failures_total')
    expect(metrics).toContain('jointplan_storage_load_failures_total 2')
  })

  it('a failed write is not broadcast, nor sent to someone joining, until it is retried and stored', async () => {
    const dataDir = tempDataDir()
    const log = new FaultyLog(new SqliteUpdateLog(dataDir, 'full'))
    await fx.start({ dataDir, storageRetryMs: 150 }, { log })
    const alice = await join()
    const bob = await join()
    await Promise.all([synced(alice), synced(bob)])
    log.failAppends = 2
    alice.doc.getMap('meta').set('title', 'only once stored')
    const carol = await join()
    await synced(carol)
    await new Promise((r) => setTimeout(r, 120))
    expect(bob.doc.getMap('meta').get('title')).toBeUndefined()
    expect(carol.doc.getMap('meta').get('title')).toBeUndefined()
    await waitFor('retried and broadcast', () => [bob, carol].every((c) => c.doc.getMap('meta').get('title') === 'only once stored'), 3_000)
    const failures = await fx.server().metrics.registry.getSingleMetricAsString('jointplan_storage_write_failures_total')
    expect(failures).toContain('jointplan_storage_write_failures_total 2')
    const reader = new SqliteUpdateLog(dataDir, 'normal')
    const stored = await reader.load('plan/p1')
    await reader.close()
    expect(stored.lastSeq).toBe(1)
  })
})
