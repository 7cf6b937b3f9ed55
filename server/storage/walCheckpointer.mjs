// Copies the WAL back into the database file, on a thread of its own: a checkpoint waits for
// the disk twice (WAL, then database file), 5-15 ms here, and on the sync thread every room
// waited with it. PASSIVE never takes the writers' lock, so the sync thread's commits go on
// meanwhile. Plain JavaScript, so that it runs as it is under tsx, vitest and the compiled
// server alike.
import Database from 'better-sqlite3'
import { parentPort, workerData } from 'node:worker_threads'

const { file, everyMs } = workerData
const db = new Database(file)
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch (error) {
    parentPort.postMessage(error instanceof Error ? error.message : String(error))
  }
}, everyMs)
parentPort.on('close', () => {
  clearInterval(timer)
  db.close()
})
