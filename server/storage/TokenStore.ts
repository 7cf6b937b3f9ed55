import type { Role } from '../../shared/access.js'

/** Every token the server issued, so that it can be listed, revoked and named in the history. */
export interface TokenRecord {
  id: string
  plan: string
  role: Role
  name: string
  org: string
  createdAt: number
  expiresAt: number
  revokedAt: number | null
}

export interface TokenStore {
  saveToken(record: TokenRecord): Promise<void>
  getToken(id: string): Promise<TokenRecord | null>
  /** Returns false when no such token exists. */
  revokeToken(id: string, at: number): Promise<boolean>
  listTokens(plan: string): Promise<TokenRecord[]>
  /** The name and organization the history and the discussion show for this token from now on. */
  renameToken(id: string, name: string, org: string): Promise<void>
}
