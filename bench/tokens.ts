import { loadOrCreateSecret } from '../server/auth/secretKey.js'
import { TokenService } from '../server/auth/TokenService.js'
import { SqliteUpdateLog } from '../server/index.js'

/**
 * An editor token for each room (`plan/<id>`), written into the data folder before the
 * server starts on it. `plan/<id>#n` asks for one more invite to the same plan (one per person).
 */
export const issueTokens = async (dataDir: string, rooms: readonly string[]): Promise<Map<string, string>> => {
  const store = new SqliteUpdateLog(dataDir, 'full')
  try {
    const service = new TokenService(loadOrCreateSecret(dataDir), store)
    const tokens = new Map<string, string>()
    for (const room of rooms) {
      const plan = room.slice('plan/'.length).split('#')[0]!
      tokens.set(room, (await service.issue({ plan, role: 'editor', name: 'Bench client', org: 'Bench' })).token)
    }
    return tokens
  } finally {
    await store.close()
  }
}
