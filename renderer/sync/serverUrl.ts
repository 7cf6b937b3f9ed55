/**
 * The sync server is the host that served this page, and nothing else: an address that
 * chose another server would hand it this device's invite tokens. (In development, Vite
 * forwards `/plan` and `/api` to the server; see vite.config.ts.) Tokens in localStorage
 * and copies in IndexedDB are therefore the page's origin's, which is the server's.
 */
export const serverUrl = (): string => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`

export const httpUrl = (path: string): string => `${location.origin}${path}`
