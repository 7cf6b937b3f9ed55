/**
 * Where the sync server is: the `server` query parameter (the desktop app and development
 * set it), else the host that served this page, which is the server itself.
 */
export const serverUrl = (): string => {
  const fromQuery = new URLSearchParams(location.search).get('server')
  if (fromQuery) return fromQuery.replace(/\/+$/, '')
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}`
}

export const httpUrl = (path: string): string => `${serverUrl().replace(/^ws/, 'http')}${path}`
