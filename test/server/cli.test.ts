import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
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
