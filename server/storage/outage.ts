/**
 * Whether an error says the storage cannot be reached now (restarting, cut off, full of
 * connections) rather than that the request was wrong: the answer is then 503, "try again",
 * never a 500 that reads like a bug, and never the driver's words.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'EAI_AGAIN'])

export const STORAGE_OUTAGE = 'the server cannot reach its storage just now; try again in a moment'

export const isStorageOutage = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return true
    // PostgreSQL's SQLSTATE: 08 connection exceptions, 53 out of resources, 57P01-57P03 shutting down or starting.
    if (/^(08|53)[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code)) return true
    if (/^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN)/.test(code)) return true
  }
  // node-postgres says these in words only.
  return /^Connection terminated|timeout exceeded when trying to connect/.test(error.message)
}
