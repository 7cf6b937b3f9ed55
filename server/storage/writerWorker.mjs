// The log's writer, on a worker thread: a commit waits for the disk (fsync with
// synchronous=FULL), and better-sqlite3 waits synchronously. Here that wait stalls no
// room; the sync thread reads on its own connection meanwhile (WAL mode). Plain
// JavaScript, so that it runs as it is under tsx, vitest and the compiled server alike.
import Database from 'better-sqlite3'
import { parentPort, workerData } from 'node:worker_threads'

const { file, synchronous, busyTimeoutMs, statements } = workerData
const db = new Database(file)
db.pragma('journal_mode = WAL')
db.pragma(`synchronous = ${synchronous}`)
db.pragma(`busy_timeout = ${busyTimeoutMs}`)
const prepared = Object.fromEntries(Object.entries(statements).map(([name, sql]) => [name, db.prepare(sql)]))
// One transaction per message; a statement that returns a row (the append) answers its seq.
const runAll = db.transaction((statement, rows) => rows.map((row) => (statement.reader ? statement.get(row).seq : (statement.run(row), 0))))

parentPort.on('message', ({ id, statement, rows }) => {
  try {
    parentPort.postMessage({ id, seqs: runAll(prepared[statement], rows) })
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
})
parentPort.on('close', () => db.close())
