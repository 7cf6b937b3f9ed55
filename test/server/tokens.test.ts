import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { AuthError, TokenService } from '../../server/auth/TokenService.js'
import { SqliteUpdateLog } from '../../server/index.js'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { KEY_FILE } from '../../server/auth/secretKey.js'
import { startServer, tempDataDir } from '../helpers/server.js'

const stores: SqliteUpdateLog[] = []
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()))
})

const service = () => {
  const store = new SqliteUpdateLog(tempDataDir(), 'normal')
  stores.push(store)
  return new TokenService(randomBytes(32), store)
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof AuthError ? `${error.status} ${error.message}` : String(error)),
  )

const DAY = 86_400_000

describe('invite tokens, checked again on every use', () => {
  it('a server whose data folder was given another key refuses to start, saying so, instead of turning away every invite', async () => {
    const dataDir = tempDataDir()
    await (await startServer({ dataDir })).close()
    writeFileSync(join(dataDir, KEY_FILE), randomBytes(32).toString('base64'))
    await expect(startServer({ dataDir })).rejects.toThrow(/not the one this storage’s invites are signed with/)
  })

  it('a token accepted before is refused once it has expired', async () => {
    const tokens = service()
    const now = Date.now()
    const { token } = await tokens.issue({ plan: 'p1', role: 'editor', name: 'Delegate', days: 1 }, now)
    expect((await tokens.verify(token, 'p1', false, now)).role).toBe('editor')
    expect(await refusal(tokens.verify(token, 'p1', false, now + 2 * DAY))).toBe('401 this invite has expired')
  })

  it('a token accepted before is refused once revoked, and for another plan', async () => {
    const tokens = service()
    const { token, identity } = await tokens.issue({ plan: 'p1', role: 'editor', name: 'Delegate' })
    await tokens.verify(token, 'p1', false)
    expect(await refusal(tokens.verify(token, 'p2', false))).toBe('403 this invite is for another plan')
    await tokens.revoke(identity.tokenId)
    expect(await refusal(tokens.verify(token, 'p1', false))).toBe('401 this invite has been revoked')
  })

  it('a token altered after the original was accepted is refused', async () => {
    const tokens = service()
    const { token } = await tokens.issue({ plan: 'p1', role: 'viewer', name: 'Delegate' })
    await tokens.verify(token, 'p1', false)
    const [header, payload, signature] = token.split('.')
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>
    const altered = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'owner' })).toString('base64url')}.${signature}`
    expect(await refusal(tokens.verify(altered, 'p1', false))).toBe('401 this invite is not valid (bad signature or altered)')
  })
})
