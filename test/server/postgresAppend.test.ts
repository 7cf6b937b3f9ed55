import { createHash } from 'node:crypto'
import { expect } from 'vitest'
import { checkChain } from '../../shared/index.js'
import { PostgresUpdateLog } from '../../server/storage/PostgresUpdateLog.js'
import { postgresFixture } from '../helpers/postgres.js'
import { silentLogger } from '../helpers/server.js'

// Two instances write one room at once, some batches spanning a second room: whatever the
// interleaving, each room keeps consecutive numbers and one chain.
const pgx = postgresFixture()
const sha256 = (bytes: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(bytes).digest())

pgx.run('two instances appending to one room at once get consecutive numbers, one chain, and every update at its number', async () => {
  const url = await pgx.database('append')
  const logs = [await PostgresUpdateLog.open(url, silentLogger), await PostgresUpdateLog.open(url, silentLogger)]
  try {
    const rooms = ['plan/shared', 'plan/side']
    const written = new Map(rooms.map((room) => [room, new Map<number, string>()]))
    // Per instance, 4 writers in parallel, 60 batches each of 1 to 3 updates (bounded); every
    // fifth batch also writes a second room.
    const writer = async (log: PostgresUpdateLog, name: string) => {
      for (let n = 0; n < 60; n++) {
        const batch = Array.from({ length: 1 + (n % 3) }, (_, k) => ({ room: n % 5 === 4 && k === 0 ? 'plan/side' : 'plan/shared', text: `${name}.${n}.${k}` }))
        const seqs = await log.append(batch.map(({ room, text }) => ({ room, update: new TextEncoder().encode(text), author: name, at: n })))
        seqs.forEach((seq, k) => {
          const { room, text } = batch[k]!
          expect(written.get(room)?.has(seq), `${room} seq ${seq} handed out twice`).toBe(false)
          written.get(room)?.set(seq, text)
        })
      }
    }
    await Promise.all(logs.flatMap((log, i) => [0, 1, 2, 3].map((w) => writer(log, `i${i}w${w}`))))

    for (const room of rooms) {
      const mine = written.get(room)!
      const stored = await logs[0]!.readLog(room)
      expect(stored.map((u) => u.seq)).toEqual(Array.from({ length: mine.size }, (_, i) => i + 1))
      expect(stored.map((u) => new TextDecoder().decode(u.update))).toEqual(stored.map((u) => mine.get(u.seq)))
      expect(await checkChain(room, stored, sha256)).toMatchObject({ ok: true, length: mine.size })
      const head = await logs[1]!.head(room)
      expect(head.seq).toBe(mine.size)
      expect(Buffer.from(head.hash).equals(Buffer.from(stored.at(-1)!.hash))).toBe(true)
    }
  } finally {
    await Promise.all(logs.map((log) => log.close()))
  }
})
