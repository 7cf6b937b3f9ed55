import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'

/** Answers a websocket upgrade with a plain HTTP error, so the client can show the reason. */
export const refuseUpgrade = (socket: Duplex, status: number, reason: string): void => {
  if (socket.destroyed) return
  const body = JSON.stringify({ error: reason })
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\nContent-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
}
