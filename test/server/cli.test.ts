import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { spawnServer, type ChildServer } from '../helpers/childServer.js'
import { tempDataDir } from '../helpers/server.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const children: ChildServer[] = []
afterEach(() => children.splice(0).forEach((c) => c.process.kill('SIGKILL')))

describe('npm run server', () => {
  it('prints the address it listens on, serves health, and stops on SIGINT with exit 0', async () => {
    const child = await spawnServer(['--port', '0', '--data', tempDataDir()])
    children.push(child)
    expect(child.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/)
    const health = await fetch(`${child.url.replace('ws://', 'http://')}/healthz`)
    expect(health.status).toBe(200)
    child.process.kill('SIGINT')
    expect(await child.exited).toEqual({ code: 0, signal: null })
  })

  it('refuses bad arguments with the reason and the usage, exit 2', () => {
    for (const args of [['--port', 'abc'], ['--port', '70000'], ['--durability', 'sometimes'], ['--bogus']]) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: root, encoding: 'utf8' })
      expect(run.status, args.join(' ')).toBe(2)
      expect(run.stderr).toContain('usage:')
      expect(run.stderr).toContain('npm run server --')
    }
  })
})

describe('npm run server -- token / revoke', () => {
  it('prints a token as its last line that the server accepts, until it is revoked', async () => {
    const dataDir = tempDataDir()
    const issued = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'token', '--data', dataDir, '--plan', 'p1', '--role', 'editor', '--name', 'Sokha', '--org', 'CLC', '--days', '7'], { cwd: root, encoding: 'utf8' })
    expect(issued.status).toBe(0)
    const lines = issued.stdout.trim().split('\n')
    const token = lines.at(-1)!
    const tokenId = /token id ([0-9a-f-]{36})/.exec(lines[0]!)?.[1]
    expect(tokenId).toBeDefined()
    const child = await spawnServer(['--port', '0', '--data', dataDir])
    children.push(child)
    const status = (t: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(`${child.url}/plan/p1?token=${t}`)
        socket.once('open', () => {
          socket.close()
          resolve(101)
        })
        socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
        socket.once('error', () => undefined)
      })
    expect(await status(token)).toBe(101)
    const revoked = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'revoke', '--data', dataDir, '--id', tokenId!], { cwd: root, encoding: 'utf8' })
    expect(revoked.status).toBe(0)
    expect(await status(token)).toBe(401)
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'token', '--data', dataDir, '--plan', 'p1', '--role', 'king', '--name', 'X'], { cwd: root, encoding: 'utf8' })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('role')
  })
})
