import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

/** A stock y-websocket client in Node, as in the tests: no BroadcastChannel, so everything goes through the server. */
export const benchClient = (url: string, room: string, token: string | null, doc = new Y.Doc()): { doc: Y.Doc; provider: WebsocketProvider } => ({
  doc,
  provider: new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: token ? { token } : {},
  }),
})

export const whenSynced = (provider: WebsocketProvider, timeoutMs = 60_000): Promise<void> =>
  new Promise((resolve, reject) => {
    if (provider.synced) return resolve()
    const timer = setTimeout(() => reject(new Error(`no sync with ${provider.url} in ${timeoutMs} ms`)), timeoutMs)
    provider.once('sync', () => {
      clearTimeout(timer)
      resolve()
    })
  })
