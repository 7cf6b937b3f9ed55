// The job scripts' side of `JobPeer`: jobs arrive and answers leave the same way whether the
// script was forked as a process (the server) or started as a worker thread (the desktop app).
// Plain JavaScript, so that the compaction script, which runs as it is everywhere, can use it.
import { parentPort } from 'node:worker_threads'

/** What a thread receives where a forked process would see its channel disconnect. */
export const END_JOBS = 'end'

/**
 * Calls `handle(message, reply)` for every job, and `end()` when the server lets go of the
 * script (then the script closes what it holds and exits).
 */
export const serveJobs = (handle, end) => {
  if (parentPort) {
    const port = parentPort
    port.on('message', (message) => (message === END_JOBS ? end() : handle(message, (answer) => port.postMessage(answer))))
    return
  }
  // An answer finished after the server let go has no one to go to: dropped, not an error that ends the script.
  process.on('message', (message) => handle(message, (answer) => process.connected && process.send?.(answer, () => undefined)))
  process.on('disconnect', end)
}
