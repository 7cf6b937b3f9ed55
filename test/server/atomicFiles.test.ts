import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFileOnce, replaceFile } from '../../server/atomicFiles.js'
import { tempDataDir } from '../helpers/server.js'

/** Reads `file` between every turn of the event loop while `writes` runs; the contents seen. */
const watchWhile = async (file: string, writes: () => Promise<void>): Promise<string[]> => {
  const seen: string[] = []
  let done = false
  const read = () => {
    if (existsSync(file)) seen.push(readFileSync(file, 'utf8'))
    if (!done) setImmediate(read)
  }
  read()
  await writes()
  done = true
  return seen
}

describe('files other processes read (the host token, the signing key)', () => {
  it('a reader never sees the host token file empty while it is replaced', async () => {
    const dir = tempDataDir()
    const token = (n: number) => `token-${n}-${'x'.repeat(2_000)}`
    const atomic = join(dir, 'local-owner.token')
    const seen = await watchWhile(atomic, async () => {
      for (let n = 0; n < 200; n++) await replaceFile(atomic, token(n), 0o600)
    })
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.filter((text) => !text.startsWith('token-'))).toEqual([])
    expect(readFileSync(atomic, 'utf8')).toBe(token(199))
    expect(readdirSync(dir)).toEqual(['local-owner.token'])
  })

  it('a key file is created once, whole; a second creator keeps the first key', () => {
    const dir = tempDataDir()
    const file = join(dir, 'token-secret.key')
    createFileOnce(file, 'first', 0o600)
    createFileOnce(file, 'second', 0o600)
    expect(readFileSync(file, 'utf8')).toBe('first')
    expect(readdirSync(dir)).toEqual(['token-secret.key'])
  })
})
