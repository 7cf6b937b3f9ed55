import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ANY_PLAN } from '../../shared/access.js'
import { MAX_DAYS } from '../../shared/access.js'
import { replaceFile } from '../atomicFiles.js'
import { AuthError, type TokenService } from './TokenService.js'

/** A kept token with less left than this is replaced, so that an open app never runs out mid-session. */
const RENEW_BEFORE_MS = 30 * 86_400_000

/**
 * The host's token: owner of every plan, accepted from this computer only. It is kept in
 * the data folder (mode 0600) and reused across starts, so that starting the server does
 * not mint a new year-long token each time; a revoked, expired or nearly expired one is
 * replaced. Its name is "Host" until the person types theirs on the plans page.
 */
export const localOwnerToken = async (tokens: TokenService, dataDir: string, now = Date.now()): Promise<string> => {
  const file = join(dataDir, 'local-owner.token')
  const kept = (await readFile(file, 'utf8').catch(() => '')).trim()
  if (kept) {
    try {
      const identity = await tokens.verify(kept, null, true, now)
      if (identity.plan === ANY_PLAN && identity.expiresAt - now > RENEW_BEFORE_MS) return kept
    } catch (error) {
      if (!(error instanceof AuthError)) throw error
    }
  }
  const { token } = await tokens.issue({ plan: ANY_PLAN, role: 'owner', name: 'Host', org: '', days: MAX_DAYS, loopback: true }, now)
  await replaceFile(file, token, 0o600)
  return token
}
