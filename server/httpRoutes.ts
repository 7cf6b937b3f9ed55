import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Metrics } from './metrics.js'
import { serveStatic } from './staticFiles.js'
import type { PlanDirectory } from './storage/PlanDirectory.js'

export interface Health {
  status: 'ok'
  uptimeSeconds: number
  rooms: number
  connections: number
}

export interface HttpDeps {
  metrics: Metrics
  health: () => Health
  directory: PlanDirectory | null
  /** The built renderer, served at `/`; null when the server runs without a UI. */
  staticDir: string | null
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

/** The plain HTTP side: health, metrics, the plan list and the app itself. */
export const handleHttp = async (req: IncomingMessage, res: ServerResponse, deps: HttpDeps): Promise<void> => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname
  if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'method not allowed' })
  if (path === '/healthz') return json(res, 200, deps.health())
  if (path === '/metrics') {
    const text = await deps.metrics.registry.metrics()
    res.writeHead(200, { 'content-type': deps.metrics.registry.contentType })
    res.end(text)
    return
  }
  if (path === '/api/plans') {
    const plans = (await deps.directory?.listPlans()) ?? []
    return json(res, 200, { plans: plans.filter((p) => !p.deleted).map(({ id, title, updatedAt }) => ({ id, title, updatedAt })) })
  }
  if (deps.staticDir && (await serveStatic(deps.staticDir, path, res))) return
  json(res, 404, { error: 'not found' })
}
