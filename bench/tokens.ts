import { loadOrCreateSecret } from '../server/auth/secretKey.js'
import { TokenService } from '../server/auth/TokenService.js'
import { SqliteUpdateLog } from '../server/index.js'

/** Editor tokens for each plan, written into the data folder before the server starts on it. */
export const issueTokens = async (dataDir: string, planIds: readonly string[]): Promise<Map<string, string>> => {
  const store = new SqliteUpdateLog(dataDir, 'full')
  try {
    const service = new TokenService(loadOrCreateSecret(dataDir), store)
    const tokens = new Map<string, string>()
    for (const plan of planIds) tokens.set(plan, (await service.issue({ plan, role: 'editor', name: 'Bench client', org: 'Bench' })).token)
    return tokens
  } finally {
    await store.close()
  }
}
