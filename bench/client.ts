import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

/** A stock y-websocket client in Node, as in the tests: no BroadcastChannel, so everything goes through the server. */
export const benchClient = (url: string, room: string, token: string | null, doc = new Y.Doc()): { doc: Y.Doc; provider: WebsocketProvider } => {
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: token ? { token } : {},
  })
  // No presence: hundreds of clients that joined together renew their awareness in
  // lock-step every 15 s, and decoding those storms would measure the generator, not the server.
  provider.awareness.setLocalState(null)
  return { doc, provider }
}

export const whenSynced = (provider: WebsocketProvider, timeoutMs = 60_000): Promise<void> =>
  new Promise((resolve, reject) => {
    if (provider.synced) return resolve()
    const timer = setTimeout(() => reject(new Error(`no sync with ${provider.url} in ${timeoutMs} ms`)), timeoutMs)
    provider.once('sync', () => {
      clearTimeout(timer)
      resolve()
    })
  })
