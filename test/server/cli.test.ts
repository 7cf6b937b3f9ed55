import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { runCli, spawnServer, type ChildServer } from '../helpers/childServer.js'
import { tempDataDir } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

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

  it('keeps running after a request with a broken percent-encoding, and reuses the host link across starts', async () => {
    const data = tempDataDir()
    const first = await spawnServer(['--port', '0', '--data', data, '--local-owner'])
    children.push(first)
    const port = Number(new URL(first.url).port)
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      let text = ''
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()))
      socket.on('close', () => resolve(text))
      socket.write('GET /plan/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n')
    })
    expect(answer).toMatch(/^HTTP\/1\.1 400/)
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
    const link = (child: ChildServer) => /#\/\?token=(\S+) in a browser/.exec(child.stdout())?.[1]
    await waitFor('the host link', () => link(first) !== undefined)
    first.process.kill('SIGINT')
    expect(await first.exited).toEqual({ code: 0, signal: null })
    const second = await spawnServer(['--port', '0', '--data', data, '--local-owner'])
    children.push(second)
    await waitFor('the host link', () => link(second) !== undefined)
    expect(link(second)).toBe(link(first))
  })

  it('refuses bad arguments with the reason and the usage, exit 2', () => {
    for (const args of [['--port', 'abc'], ['--port', '70000'], ['--durability', 'sometimes'], ['--bogus']]) {
      const run = runCli(args)
      expect(run.status, args.join(' ')).toBe(2)
      expect(run.stderr).toContain('usage:')
      expect(run.stderr).toContain('npm run server --')
    }
  })
})

describe('npm run server -- token / revoke', () => {
  it('says where invites are to be kept when it is not told, and which PostgreSQL it could not open, never its password', () => {
    const noDatabase = { DATABASE_URL: '' }
    const nowhere = runCli(['token', '--plan', 'p1', '--role', 'editor', '--name', 'X'], noDatabase)
    expect(nowhere.status).toBe(2)
    expect(nowhere.stderr).toContain('give --data DIR')
    const mysql = runCli(['token', '--plan', 'p1', '--role', 'editor', '--name', 'X'], { DATABASE_URL: 'mysql://jp@127.0.0.1/jointplan' })
    expect(mysql.status).toBe(2)
    expect(mysql.stderr).toContain('a postgres:// URL (from --postgres, or else DATABASE_URL)')
    const key = { ...noDatabase, JOINTPLAN_TOKEN_KEY: Buffer.alloc(32, 7).toString('base64') }
    const closed = runCli(['token', '--postgres', 'postgres://jp:secret-word@127.0.0.1:1/jointplan', '--plan', 'p1', '--role', 'editor', '--name', 'X'], key)
    expect(closed.status).toBe(1)
    expect(closed.stderr).toContain('could not open the log in PostgreSQL at 127.0.0.1:1/jointplan: connect ECONNREFUSED')
    expect(closed.stderr).not.toContain('secret-word')
  })

  it('prints a token as its last line that the server accepts, until it is revoked', async () => {
    const dataDir = tempDataDir()
    const issued = runCli(['token', '--data', dataDir, '--plan', 'p1', '--role', 'editor', '--name', 'Sokha', '--org', 'CLC', '--days', '7'])
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
    const revoked = runCli(['revoke', '--data', dataDir, '--id', tokenId!])
    expect(revoked.status).toBe(0)
    expect(await status(token)).toBe(401)
    const bad = runCli(['token', '--data', dataDir, '--plan', 'p1', '--role', 'king', '--name', 'X'])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('role')
  })

  it('issues a coordinator token for a list of plans; a list for any other role is refused', () => {
    const dataDir = tempDataDir()
    const issued = runCli(['token', '--data', dataDir, '--plan', 'p1,p2', '--role', 'coordinator', '--name', 'Kenji Mori', '--org', 'JICA'])
    expect(issued.status).toBe(0)
    expect(issued.stdout).toContain('coordinator of plans p1, p2 for Kenji Mori')
    const editors = runCli(['token', '--data', dataDir, '--plan', 'p1,p2', '--role', 'editor', '--name', 'X'])
    expect(editors.status).toBe(2)
    expect(editors.stderr).toContain('a list of plans is a coordinator invite')
  })
})
