// The log's writer, on a worker thread: a commit waits for the disk (fsync with
// synchronous=FULL), and better-sqlite3 waits synchronously. Here that wait stalls no
// room; the sync thread reads on its own connection meanwhile (WAL mode). Plain
// JavaScript, so that it runs as it is under tsx, vitest and the compiled server alike.
import Database from 'better-sqlite3'
import { parentPort, workerData } from 'node:worker_threads'

const { file, synchronous, busyTimeoutMs, appendQuery } = workerData
const db = new Database(file)
db.pragma('journal_mode = WAL')
db.pragma(`synchronous = ${synchronous}`)
db.pragma(`busy_timeout = ${busyTimeoutMs}`)
const insert = db.prepare(appendQuery)
const appendAll = db.transaction((entries) => entries.map((entry) => insert.get(entry).seq))

parentPort.on('message', ({ id, entries }) => {
  try {
    parentPort.postMessage({ id, seqs: appendAll(entries) })
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
})
parentPort.on('close', () => db.close())
