import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto'
import { errors, jwtVerify, SignJWT } from 'jose'
import { z } from 'zod'
import { ANY_PLAN, Role, type Identity } from '../../shared/access.js'
import { Id } from '../../shared/schema.js'
import type { TokenStore } from '../storage/TokenStore.js'

export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    reason: string,
  ) {
    super(reason)
  }
}

const Claims = z.object({
  jti: z.string().uuid(),
  plan: z.union([Id, z.literal(ANY_PLAN)]),
  role: Role,
  name: z.string().trim().min(1).max(120),
  org: z.string().max(200),
  exp: z.number().int(),
  /** Set on the local administrator's token: accepted from loopback connections only. */
  loopback: z.boolean().optional(),
})

export const IssueRequest = z
  .object({
    plan: z.union([Id, z.literal(ANY_PLAN)]),
    role: Role,
    name: z.string().trim().min(1, 'a name is required').max(120),
    org: z.string().trim().max(200).default(''),
    days: z.number().positive().max(3_650).default(30),
    loopback: z.boolean().default(false),
  })
  .strict()
export type IssueRequest = z.input<typeof IssueRequest>

export interface Issued {
  token: string
  identity: Identity
}

const ALGORITHM = 'HS256'

/**
 * Signs and checks invite tokens (HMAC-SHA256 JWTs through jose, whose comparison of
 * signatures is constant-time). A token carries plan, role, name, organization, expiry and
 * an id; the id must be on record and not revoked.
 */
export class TokenService {
  /** Imported once: importing the raw key on every check costs more than the check. */
  private readonly key: KeyObject

  constructor(
    secret: Uint8Array,
    private readonly store: TokenStore,
  ) {
    this.key = createSecretKey(secret)
  }

  async issue(request: IssueRequest, now = Date.now()): Promise<Issued> {
    const r = IssueRequest.parse(request)
    const id = randomUUID()
    const expiresAt = now + Math.round(r.days * 86_400_000)
    const token = await new SignJWT({ plan: r.plan, role: r.role, name: r.name, org: r.org, ...(r.loopback ? { loopback: true } : {}) })
      .setProtectedHeader({ alg: ALGORITHM })
      .setJti(id)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(this.key)
    await this.store.saveToken({ id, plan: r.plan, role: r.role, name: r.name, org: r.org, createdAt: now, expiresAt, revokedAt: null })
    return { token, identity: { tokenId: id, plan: r.plan, role: r.role, name: r.name, org: r.org, expiresAt } }
  }

  /**
   * The identity a token proves, for `planId` (null: any plan, for HTTP calls that name
   * none). Throws AuthError with the status and a reason a person can act on.
   */
  async verify(token: string | null, planId: string | null, fromLoopback: boolean): Promise<Identity> {
    if (!token) throw new AuthError(401, 'an invite token is required')
    let payload: unknown
    try {
      payload = (await jwtVerify(token, this.key, { algorithms: [ALGORITHM] })).payload
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new AuthError(401, 'this invite has expired')
      throw new AuthError(401, 'this invite is not valid (bad signature or altered)')
    }
    const claims = Claims.safeParse(payload)
    if (!claims.success) throw new AuthError(401, 'this invite is not valid (malformed claims)')
    const record = await this.store.getToken(claims.data.jti)
    if (!record) throw new AuthError(401, 'this invite is not known to this server')
    if (record.revokedAt !== null) throw new AuthError(401, 'this invite has been revoked')
    if (claims.data.loopback && !fromLoopback) throw new AuthError(403, 'this token works only on this computer')
    if (planId !== null && claims.data.plan !== ANY_PLAN && claims.data.plan !== planId) {
      throw new AuthError(403, 'this invite is for another plan')
    }
    const { jti, plan, role, name, org, exp } = claims.data
    return { tokenId: jti, plan, role, name, org, expiresAt: exp * 1000 }
  }

  record(id: string) {
    return this.store.getToken(id)
  }

  revoke(id: string): Promise<boolean> {
    return this.store.revokeToken(id, Date.now())
  }

  list(plan: string) {
    return this.store.listTokens(plan)
  }
}
