import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Metrics } from './metrics.js'

export interface Health {
  status: 'ok'
  uptimeSeconds: number
  rooms: number
  connections: number
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

/** The plain HTTP side: health and metrics. */
export const handleHttp = async (
  req: IncomingMessage,
  res: ServerResponse,
  deps: { metrics: Metrics; health: () => Health },
): Promise<void> => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname
  if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'method not allowed' })
  if (path === '/healthz') return json(res, 200, deps.health())
  if (path === '/metrics') {
    const text = await deps.metrics.registry.metrics()
    res.writeHead(200, { 'content-type': deps.metrics.registry.contentType })
    res.end(text)
    return
  }
  json(res, 404, { error: 'not found' })
}
