import { createHmac, createSecretKey, randomUUID, type KeyObject } from 'node:crypto'
import { errors, jwtVerify, SignJWT } from 'jose'
import { z } from 'zod'
import { covers, InviteInput, PlanScope, Role, type Identity } from '../../shared/access.js'
import { REFUSALS } from '../../shared/refusals.js'
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
  plan: PlanScope,
  role: Role,
  name: z.string().trim().min(1).max(120),
  org: z.string().max(200),
  exp: z.number().int(),
  /** Set on the local administrator's token: accepted from loopback connections only. */
  loopback: z.boolean().optional(),
})

/** A name and organization as a person types them. */
export const PersonName = z.object({ name: z.string().trim().min(1, 'a name is required').max(120), org: z.string().trim().max(200).default('') }).strict()

export const IssueRequest = InviteInput.extend({
  role: Role,
  plan: PlanScope,
  loopback: z.boolean().default(false),
})
  .strict()
  .refine((r) => !Array.isArray(r.plan) || r.role === 'coordinator', { message: 'a list of plans is a coordinator invite', path: ['plan'] })
export type IssueRequest = z.input<typeof IssueRequest>

export interface Issued {
  token: string
  identity: Identity
}

const ALGORITHM = 'HS256'
/** Checked tokens remembered; the oldest is forgotten first. */
const CHECKED_MAX = 10_000

/**
 * Signs and checks invite tokens (HMAC-SHA256 JWTs through jose, whose comparison of
 * signatures is constant-time). A token carries plan, role, name, organization, expiry and
 * an id; the id must be on record and not revoked.
 */
export class TokenService {
  /** Imported once: importing the raw key on every check costs more than the check. */
  private readonly key: KeyObject
  /**
   * The claims of tokens whose signature was checked, by token: a reconnect, or a room of
   * people who joined through one invite link, skips the HMAC (~0.4 ms through WebCrypto).
   * The same string carries the same signature; expiry and revocation are checked each time.
   */
  private readonly checked = new Map<string, z.infer<typeof Claims>>()

  constructor(
    secret: Uint8Array,
    private readonly store: TokenStore,
  ) {
    this.key = createSecretKey(secret)
  }

  /**
   * Refuses a key other than the one this store's invites were signed with: an instance or
   * command given another would turn away every invite on record and issue ones no other
   * instance accepts. The first key used is recorded as an HMAC of a fixed text, never itself.
   */
  async confirmKey(): Promise<void> {
    const check = createHmac('sha256', this.key).update('jointplan token key check').digest('base64url')
    if ((await this.store.claimKeyCheck(check)) !== check) {
      throw new Error(
        'the token key is not the one this storage’s invites are signed with: every instance and command of a deployment needs the same JOINTPLAN_TOKEN_KEY (the embedded storage keeps its own in the data folder, token-secret.key). ' +
          "To change the key on purpose, which turns away every invite issued before, first run DELETE FROM settings WHERE name = 'token_key_check' in the database.",
      )
    }
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
  async verify(token: string | null, planId: string | null, fromLoopback: boolean, now = Date.now()): Promise<Identity> {
    if (!token) throw new AuthError(401, REFUSALS.required)
    const claims = this.checked.get(token) ?? (await this.check(token, now))
    // jose's rule, for remembered tokens too: expired once the current second reaches exp.
    if (claims.exp <= Math.floor(now / 1000)) throw new AuthError(401, REFUSALS.expired)
    const record = await this.store.getToken(claims.jti)
    if (!record) throw new AuthError(401, REFUSALS.unknown)
    if (record.revokedAt !== null) throw new AuthError(401, REFUSALS.revoked)
    if (claims.loopback && !fromLoopback) throw new AuthError(403, REFUSALS.loopback)
    if (planId !== null && !covers(claims.plan, planId)) {
      throw new AuthError(403, REFUSALS.otherPlan)
    }
    const { jti, plan, role, exp } = claims
    // Names come from the record: the host's token takes the name typed on the plans page.
    return { tokenId: jti, plan, role, name: record.name, org: record.org, expiresAt: exp * 1000 }
  }

  /** Checks the signature and the claims, and remembers the token's claims if they hold. */
  private async check(token: string, now: number): Promise<z.infer<typeof Claims>> {
    let payload: unknown
    try {
      payload = (await jwtVerify(token, this.key, { algorithms: [ALGORITHM], currentDate: new Date(now) })).payload
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new AuthError(401, REFUSALS.expired)
      throw new AuthError(401, REFUSALS.forged)
    }
    const claims = Claims.safeParse(payload)
    if (!claims.success) throw new AuthError(401, REFUSALS.malformed)
    if (this.checked.size >= CHECKED_MAX) this.checked.delete(this.checked.keys().next().value!)
    this.checked.set(token, claims.data)
    return claims.data
  }

  record(id: string) {
    return this.store.getToken(id)
  }

  /** How many times a name on record changed since the server started: pages that show names depend on it. */
  renames = 0

  async rename(id: string, person: z.input<typeof PersonName>): Promise<void> {
    const { name, org } = PersonName.parse(person)
    await this.store.renameToken(id, name, org)
    this.renames++
  }

  revoke(id: string): Promise<boolean> {
    return this.store.revokeToken(id, Date.now())
  }

  list(plan: string) {
    return this.store.listTokens(plan)
  }

  listCoordinators() {
    return this.store.listCoordinatorTokens()
  }
}
