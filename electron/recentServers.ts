import { RecentServers, type RecentServer } from './ipc.js'

/** How many servers the app offers again. */
const KEPT = 8

/**
 * The server a pasted link or join address points to: an http or https address with no
 * credentials in it ("https://ilo.org@evil.example" is a disguise). Null for anything else.
 */
export const serverOrigin = (link: string): string | null => {
  let url: URL
  try {
    url = new URL(link.trim())
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (url.username || url.password) return null
  return url.origin
}

/** The remembered servers from their file; a file that does not parse is an empty list, not an error. */
export const readRecentServers = (stored: unknown): RecentServer[] => RecentServers.safeParse(stored).data ?? []

/** `origin` used now: first in the list, once, and the list no longer than it is kept. */
export const rememberServer = (list: readonly RecentServer[], origin: string, now: Date): RecentServer[] => [
  { origin, lastUsed: now.toISOString() },
  ...list.filter((server) => server.origin !== origin).slice(0, KEPT - 1),
]
