import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createFileOnce } from '../atomicFiles.js'

export const KEY_FILE = 'token-secret.key'

/**
 * The HMAC key that signs invite tokens: 32 random bytes generated into the data folder on
 * first start, readable by the server's user only. Anyone holding it can mint tokens.
 */
export const loadOrCreateSecret = (dataDir: string): Uint8Array => {
  const file = join(dataDir, KEY_FILE)
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    createFileOnce(file, randomBytes(32).toString('base64'), 0o600)
  }
  chmodSync(file, 0o600)
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')
  if (key.length < 32) throw new Error(`${file} does not hold a 32-byte key`)
  return new Uint8Array(key)
}
