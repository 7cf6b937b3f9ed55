import { randomInt, randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { CoordinatorInviteInput, covers, InviteInput, isHost, mayManageInvites, type Identity } from '../shared/access.js'
import { isLoopback } from './auth/loopback.js'
import { AuthError, PersonName, type TokenService } from './auth/TokenService.js'
import { isStorageOutage, STORAGE_OUTAGE } from './storage/outage.js'
import type { HistoryIndex } from './HistoryIndex.js'
import { HistoryQuery } from '../shared/historyQuery.js'
import type { Logger } from './logger.js'
import type { Metrics } from './metrics.js'
import type { RateBuckets } from './RateBuckets.js'
import { serveStatic } from './staticFiles.js'
import type { PlanDirectory } from './storage/PlanDirectory.js'
import type { UpdateLog } from './storage/UpdateLog.js'
import type { JoinCodeStore } from './storage/JoinCodeStore.js'
import type { RoundStore } from './storage/RoundStore.js'
import type { VersionStore } from './storage/VersionStore.js'
import { discussionRoom, planRoom } from '../shared/rooms.js'
import { toHex } from '../shared/logChain.js'
import { RoundInput, type Round } from '../shared/rounds.js'
import { JOIN_ALPHABET, JoinCodeInput, JoinInput, type JoinCodeRecord } from '../shared/workshop.js'
import { toBase64, VersionInput, type Version, type VersionFile } from '../shared/versions.js'

export interface Health {
  status: 'ok'
  uptimeSeconds: number
  rooms: number
  connections: number
}

export interface HttpDeps {
  /** Where others reach this server (`http://<LAN address>:<port>`), or null: the page's own address. */
  publicOrigin: () => string | null
  metrics: Metrics
  health: () => Health
  directory: PlanDirectory | null
  /** Adopted versions; null when storage is not the embedded SQLite log. */
  versions: VersionStore | null
  /** Review rounds; null when storage is not the embedded SQLite log (closing one reads the history process). */
  rounds: RoundStore | null
  log: UpdateLog
  /** The built renderer, served at `/`; null when the server runs without a UI. */
  staticDir: string | null
  tokens: TokenService
  /** The plan history; null when storage is not the embedded SQLite log. */
  history: HistoryIndex | null
  /** History requests per invite. */
  historyRate: RateBuckets
  /** Join-code attempts per address. */
  joinRate: RateBuckets
  /** Workshop join codes; null when storage is not the embedded SQLite log. */
  joinCodes: JoinCodeStore | null
  revoke: (tokenId: string) => Promise<boolean>
  logger: Logger
  /** Who may read `/metrics`: this computer (or an owner token), or anyone. */
  metricsAccess: 'loopback' | 'anyone'
}

/**
 * On every answer, the app's and the API's: scripts only from this server (none inline),
 * no framing, no sniffing, no referrer (an invite link carries its token).
 */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
}

const MAX_BODY_BYTES = 64 * 1024

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/**
 * A body that is JSON text already (built off the sync thread), sent as it is, with the
 * version it was built at: the client may keep it and ask again with `If-None-Match`
 * (null text: it still holds that version, 304).
 */
class JsonText {
  constructor(
    readonly text: string | null,
    readonly version: { etag: string },
  ) {}
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  if (body instanceof JsonText) {
    const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache', etag: body.version.etag }
    if (body.text === null) return void res.writeHead(304, headers).end()
    res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body.text) })
    return void res.end(body.text)
  }
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' })
  res.end(text)
}

const readJson = async (req: IncomingMessage): Promise<unknown> => {
  let size = 0
  const chunks: Buffer[] = []
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request body too large')
    chunks.push(chunk)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null')
  } catch {
    throw new HttpError(400, 'request body is not JSON')
  }
}

const bearer = (req: IncomingMessage): string | null => /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? null


/** Routes of the plan API; each states the role it needs. */
const apiRoute = async (req: IncomingMessage, path: string, deps: HttpDeps): Promise<unknown> => {
  const who = (planId: string | null): Promise<Identity> => deps.tokens.verify(bearer(req), planId, isLoopback(req.socket.remoteAddress))
  const owner = async (planId: string): Promise<Identity> => {
    const identity = await who(planId)
    if (!mayManageInvites(identity.role)) throw new HttpError(403, 'only an owner of the plan manages its invites')
    return identity
  }

  // Not secret: whoever asks has reached this server already.
  if (path === '/api/server' && req.method === 'GET') return { publicOrigin: deps.publicOrigin() }
  if (path === '/api/me' && req.method === 'GET') {
    return who(new URL(req.url ?? '/', 'http://localhost').searchParams.get('plan'))
  }
  if (path === '/api/me' && req.method === 'PUT') {
    // The host (the local owner's token, valid on this computer only) is named by what they
    // type on the plans page; an invite's name is the inviter's to set.
    const identity = await who(null)
    if (!isHost(identity)) throw new HttpError(403, "an invite's name is set by whoever issued it")
    const body = PersonName.safeParse(await readJson(req))
    if (!body.success) throw new HttpError(400, z.prettifyError(body.error))
    await deps.tokens.rename(identity.tokenId, body.data)
    return { ...identity, ...body.data }
  }
  if (path === '/api/plans' && req.method === 'GET') {
    const identity = await who(null)
    const plans = ((await deps.directory?.listPlans()) ?? []).filter((p) => !p.deleted && covers(identity.plan, p.id))
    return { plans: plans.map(({ id, title, updatedAt }) => ({ id, title, updatedAt })) }
  }
  if (path === '/api/coordinators' || /^\/api\/coordinators\/[^/]*\/revoke$/.test(path)) return coordinatorRoute(req, path, deps, await who(null))
  const history = /^\/api\/plans\/([A-Za-z0-9_-]{1,64})\/history$/.exec(path)
  if (history?.[1] && req.method === 'GET') {
    const planId = history[1]
    const identity = await who(planId)
    if (!deps.historyRate.take(identity.tokenId)) throw new HttpError(429, 'too many history requests from this invite; try again in a second')
    if (!deps.history) throw new HttpError(503, 'this server keeps no plan history')
    const query = HistoryQuery.safeParse({ planId, ...Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams) })
    if (!query.success) throw new HttpError(400, z.prettifyError(query.error))
    // Nothing logged since the client's copy: 304, and the history process is not asked.
    const version = await deps.history.version(planId, deps.tokens.renames)
    if (req.headers['if-none-match'] === version) return new JsonText(null, { etag: version })
    return new JsonText(await deps.history.query(query.data), { etag: version })
  }
  const versions = /^\/api\/plans\/([A-Za-z0-9_-]{1,64})\/versions(?:\/([0-9a-f-]{36})\/export)?$/.exec(path)
  if (versions?.[1]) {
    const planId = versions[1]
    const identity = await who(planId)
    if (!deps.versions) throw new HttpError(503, 'this server keeps no versions')
    if (versions[2] && req.method === 'GET') return versionFile(deps, planId, versions[2])
    if (!versions[2] && req.method === 'GET') return { versions: await deps.versions.listVersions(planId) }
    if (!versions[2] && req.method === 'POST') {
      if (!mayManageInvites(identity.role)) throw new HttpError(403, 'only an owner of the plan adopts a version')
      const body = VersionInput.safeParse(await readJson(req))
      if (!body.success) throw new HttpError(400, z.prettifyError(body.error))
      const point = async (room: string) => {
        const { seq, hash } = await deps.log.head(room)
        return { seq, head: toHex(hash) }
      }
      const version: Version = {
        ...body.data,
        id: randomUUID(),
        planId,
        plan: await point(planRoom(planId)),
        discussion: await point(discussionRoom(planId)),
        createdAt: Date.now(),
        createdBy: { name: identity.name, org: identity.org },
      }
      if (version.plan.seq === 0) throw new HttpError(409, 'this plan has nothing stored yet to adopt')
      await deps.versions.saveVersion(version)
      return version
    }
  }
  if (path === '/api/join' && req.method === 'POST') return join(req, deps)
  const joinCode = /^\/api\/plans\/([A-Za-z0-9_-]{1,64})\/workshops\/([A-Za-z0-9_-]{1,64})\/join-code$/.exec(path)
  if (joinCode?.[1] && joinCode[2]) return joinCodeRoute(req, deps, await owner(joinCode[1]), joinCode[1], joinCode[2])
  const rounds = /^\/api\/plans\/([A-Za-z0-9_-]{1,64})\/rounds(?:\/([0-9a-f-]{36})\/close)?$/.exec(path)
  if (rounds?.[1]) return roundRoute(req, deps, await who(rounds[1]), rounds[1], rounds[2] ?? null)
  const invites = /^\/api\/plans\/([A-Za-z0-9_-]{1,64})\/invites$/.exec(path)
  if (invites?.[1]) {
    const planId = invites[1]
    await owner(planId)
    if (req.method === 'GET') return { invites: await deps.tokens.list(planId) }
    if (req.method === 'POST') {
      const body = InviteInput.safeParse(await readJson(req))
      if (!body.success) throw new HttpError(400, z.prettifyError(body.error))
      try {
        return await deps.tokens.issue({ plan: planId, ...body.data })
      } catch (error) {
        if (error instanceof z.ZodError) throw new HttpError(400, z.prettifyError(error))
        throw error
      }
    }
  }
  const revoke = /^\/api\/plans\/([A-Za-z0-9_-]{1,64})\/invites\/([0-9a-f-]{36})\/revoke$/.exec(path)
  if (revoke?.[1] && revoke[2] && req.method === 'POST') {
    await owner(revoke[1])
    const record = await deps.tokens.record(revoke[2])
    if (!record || record.plan !== revoke[1]) throw new HttpError(404, 'no such invite in this plan')
    await deps.revoke(revoke[2])
    return { revoked: revoke[2] }
  }
  throw new HttpError(404, 'not found')
}

/** A version with every update up to it and the names behind their authors: checkable with no server (`npm run verify`). */
const versionFile = async (deps: HttpDeps, planId: string, versionId: string): Promise<VersionFile> => {
  const version = await deps.versions?.getVersion(versionId)
  if (!version || version.planId !== planId) throw new HttpError(404, 'no such version in this plan')
  const links = async (room: string, upTo: number) =>
    (await deps.log.readLog(room)).filter((l) => l.seq <= upTo).map((l) => ({ seq: l.seq, at: l.at, author: l.author, update: toBase64(l.update), hash: toHex(l.hash) }))
  const plan = await links(planRoom(planId), version.plan.seq)
  const discussion = await links(discussionRoom(planId), version.discussion.seq)
  const authors: VersionFile['authors'] = {}
  for (const id of new Set([...plan, ...discussion].flatMap((l) => (l.author ? [l.author] : [])))) {
    const record = await deps.tokens.record(id)
    if (record) authors[id] = { name: record.name, org: record.org }
  }
  return { format: 'jointplan-version-v1', version, plan, discussion, authors }
}

/**
 * Review rounds: anyone in the plan lists them; an owner opens one, and closes it once, with
 * the summary the history process reads from the plan and discussion as they stand.
 */
const roundRoute = async (req: IncomingMessage, deps: HttpDeps, identity: Identity, planId: string, closing: string | null): Promise<unknown> => {
  if (!deps.rounds || !deps.history) throw new HttpError(503, 'this server keeps no review rounds')
  if (req.method === 'GET' && closing === null) return { rounds: await deps.rounds.listRounds(planId) }
  if (req.method !== 'POST') throw new HttpError(404, 'not found')
  if (!mayManageInvites(identity.role)) throw new HttpError(403, 'only an owner of the plan opens and closes review rounds')
  const by = { name: identity.name, org: identity.org }
  if (closing === null) {
    const body = RoundInput.safeParse(await readJson(req))
    if (!body.success) throw new HttpError(400, z.prettifyError(body.error))
    const round: Round = { ...body.data, orgs: [...new Set(body.data.orgs)], id: randomUUID(), planId, openedAt: Date.now(), openedBy: by, closed: null }
    await deps.rounds.saveRound(round)
    return round
  }
  const round = await deps.rounds.getRound(closing)
  if (!round || round.planId !== planId) throw new HttpError(404, 'no such review round in this plan')
  const closedAlready = new HttpError(409, 'this review round is closed already')
  if (round.closed) throw closedAlready
  const closed: Round = { ...round, closed: { ...(await deps.history.summarizeRound(planId, round)), at: Date.now(), by } }
  // Two closes at once (through this instance or another) both read a summary; one is kept.
  if (!(await deps.rounds.closeRound(closed))) throw closedAlready
  return closed
}

const newJoinCode = (): string => Array.from({ length: 8 }, () => JOIN_ALPHABET[randomInt(JOIN_ALPHABET.length)]).join('')

/**
 * A workshop's join code, shown on the projector: an owner makes one (the role participants
 * get, and for how long), and anyone in the plan reads the current one.
 */
const joinCodeRoute = async (req: IncomingMessage, deps: HttpDeps, identity: Identity, planId: string, workshopId: string): Promise<unknown> => {
  if (!deps.joinCodes) throw new HttpError(503, 'this server keeps no join codes')
  if (req.method === 'GET') return { joinCode: await deps.joinCodes.currentJoinCode(planId, workshopId, Date.now()) }
  if (req.method !== 'POST') throw new HttpError(405, 'method not allowed')
  const body = JoinCodeInput.safeParse(await readJson(req))
  if (!body.success) throw new HttpError(400, z.prettifyError(body.error))
  const now = Date.now()
  const record: JoinCodeRecord = { code: newJoinCode(), planId, workshopId, role: body.data.role, createdAt: now, expiresAt: now + Math.round(body.data.days * 86_400_000) }
  await deps.joinCodes.saveJoinCode(record)
  deps.logger.info({ plan: planId, workshop: workshopId, by: identity.tokenId }, 'join code made')
  return { joinCode: record }
}

/**
 * A person in the room turns the join code into an invite of their own, under the name and
 * organization they type: each participant is then one invite, so that cards and votes are
 * theirs and a vote budget is one person's. Attempts are limited per address.
 */
const join = async (req: IncomingMessage, deps: HttpDeps): Promise<unknown> => {
  if (!deps.joinCodes) throw new HttpError(503, 'this server keeps no join codes')
  if (!deps.joinRate.take(req.socket.remoteAddress ?? 'unknown')) throw new HttpError(429, 'too many tries from this address; try again in a second')
  const body = JoinInput.safeParse(await readJson(req))
  if (!body.success) throw new HttpError(400, z.prettifyError(body.error))
  const record = await deps.joinCodes.joinCode(body.data.code)
  if (!record || record.expiresAt <= Date.now()) throw new HttpError(404, 'no workshop has this code, or it has ended')
  const days = Math.max(1 / 24, (record.expiresAt - Date.now()) / 86_400_000)
  const issued = await deps.tokens.issue({ plan: record.planId, role: record.role, name: body.data.name, org: body.data.org, days })
  return { token: issued.token, planId: record.planId, workshopId: record.workshopId }
}

/** Coordinator invites: issued, listed and revoked by the host, who holds every plan. */
const coordinatorRoute = async (req: IncomingMessage, path: string, deps: HttpDeps, identity: Identity): Promise<unknown> => {
  if (!isHost(identity)) throw new HttpError(403, 'only the host, who holds every plan, invites coordinators')
  if (path === '/api/coordinators' && req.method === 'GET') return { invites: await deps.tokens.listCoordinators() }
  if (path === '/api/coordinators' && req.method === 'POST') {
    const body = CoordinatorInviteInput.safeParse(await readJson(req))
    if (!body.success) throw new HttpError(400, z.prettifyError(body.error))
    const { plans, ...person } = body.data
    if (Array.isArray(plans)) {
      const known = new Set(((await deps.directory?.listPlans()) ?? []).filter((p) => !p.deleted).map((p) => p.id))
      const unknown = plans.filter((id) => !known.has(id))
      if (unknown.length > 0) throw new HttpError(400, `no such plan on this server: ${unknown.join(', ')}`)
    }
    return deps.tokens.issue({ ...person, role: 'coordinator', plan: plans })
  }
  const revoke = /^\/api\/coordinators\/([0-9a-f-]{36})\/revoke$/.exec(path)
  if (revoke?.[1] && req.method === 'POST') {
    const record = await deps.tokens.record(revoke[1])
    if (!record || record.role !== 'coordinator') throw new HttpError(404, 'no such coordinator invite')
    await deps.revoke(revoke[1])
    return { revoked: revoke[1] }
  }
  throw new HttpError(405, 'method not allowed')
}

/** The plain HTTP side: health, metrics, the plan API and the app itself. */
export const handleHttp = async (req: IncomingMessage, res: ServerResponse, deps: HttpDeps): Promise<void> => {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
  const path = new URL(req.url ?? '/', 'http://localhost').pathname
  if (path.startsWith('/api/')) {
    try {
      return json(res, 200, await apiRoute(req, path, deps))
    } catch (caught) {
      const outage = isStorageOutage(caught)
      const error = outage ? new HttpError(503, STORAGE_OUTAGE) : caught
      if (error instanceof HttpError && error.status === 429) res.setHeader('retry-after', '1')
      if (outage) res.setHeader('retry-after', '2')
      if (error instanceof AuthError || error instanceof HttpError) {
        deps.metrics.httpErrors.inc({ status: String(error.status) })
        deps.logger.info({ status: error.status, path, reason: error.message }, 'request refused')
        return json(res, error.status, { error: error.message })
      }
      throw caught
    }
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'method not allowed' })
  if (path === '/healthz') return json(res, 200, deps.health())
  // The short address a projector shows (`/j/7KQ2MX4P`): the app's join page for that code.
  const short = /^\/j\/([A-Za-z0-9]{1,16})$/.exec(path)
  if (short?.[1]) return void res.writeHead(302, { location: `/#/join/${short[1].toUpperCase()}` }).end()
  if (path === '/metrics') {
    if (deps.metricsAccess === 'loopback' && !isLoopback(req.socket.remoteAddress)) {
      const identity = await deps.tokens.verify(bearer(req), null, false).catch(() => null)
      if (!identity || !mayManageInvites(identity.role)) return json(res, 403, { error: 'metrics are served to this computer, or to an owner token' })
    }
    const text = await deps.metrics.registry.metrics()
    res.writeHead(200, { 'content-type': deps.metrics.registry.contentType })
    res.end(text)
    return
  }
  const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
  if (deps.staticDir && (await serveStatic(deps.staticDir, path, acceptsGzip, res))) return
  json(res, 404, { error: 'not found' })
}
