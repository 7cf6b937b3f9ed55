import { z } from 'zod'
import { PlanScope, Role } from '../../shared/access.js'

/** Every token the server issued, so that it can be listed, revoked and named in the history. */
export interface TokenRecord {
  id: string
  plan: PlanScope
  role: Role
  name: string
  org: string
  createdAt: number
  expiresAt: number
  revokedAt: number | null
}

/**
 * A scope as one text column: a plan id or `*` as it is (so a plan's invites are found by
 * equality), a coordinator's list of plans as JSON (ids never start with `[`).
 */
export const scopeText = (scope: PlanScope): string => (Array.isArray(scope) ? JSON.stringify(scope) : scope)

/** A stored token as read back: checked, so that a damaged row is refused rather than trusted. */
export const TokenRow = z.object({
  id: z.string().min(1),
  plan: z.string().transform((text, ctx): PlanScope => {
    let value: unknown = text
    try {
      if (text.startsWith('[')) value = JSON.parse(text)
    } catch {
      value = null
    }
    const scope = PlanScope.safeParse(value)
    if (scope.success) return scope.data
    ctx.addIssue({ code: 'custom', message: `unreadable plan scope ${JSON.stringify(text.slice(0, 80))}` })
    return z.NEVER
  }),
  role: Role,
  name: z.string(),
  org: z.string(),
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
  revokedAt: z.number().int().nullable(),
})

/** The setting that holds a check of the key the invites are signed with (never the key). */
export const KEY_CHECK = 'token_key_check'

export interface TokenStore {
  saveToken(record: TokenRecord): Promise<void>
  getToken(id: string): Promise<TokenRecord | null>
  /** Returns false when no such token exists. */
  revokeToken(id: string, at: number): Promise<boolean>
  /** The invites of one plan (not the coordinators who also see it). */
  listTokens(plan: string): Promise<TokenRecord[]>
  listCoordinatorTokens(): Promise<TokenRecord[]>
  /** The name and organization the history and the discussion show for this token from now on. */
  renameToken(id: string, name: string, org: string): Promise<void>
  /** Records the signing key's check when none is recorded yet; returns the one on record. */
  claimKeyCheck(check: string): Promise<string>
}
