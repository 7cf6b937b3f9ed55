import { execFile } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, it } from 'vitest'

const run = promisify(execFile)

/** Debian's PostgreSQL binaries (the newest installed), or null when none is. */
const postgresBin = (): string | null => {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const version = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))[0]
  return version ? join(root, version, 'bin') : null
}

/** Why PostgreSQL tests cannot run here, or null when they can. */
export const postgresMissing = (): string | null => (postgresBin() ? null : 'PostgreSQL is not installed (apt-get install postgresql); the PostgreSQL tests are skipped')

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

export interface PgCluster {
  port: number
  /** A new, empty database on the cluster; its connection URL. */
  createDatabase(name: string): Promise<string>
  /** Stops the server as a crash would, keeping its data... */
  halt(): Promise<void>
  /** ...and starts it again on the same port. */
  resume(): Promise<void>
  stop(): Promise<void>
}

/**
 * A throwaway cluster: `initdb` into a temp folder (as the `postgres` user when this runs as
 * root, which PostgreSQL refuses to be), started with `pg_ctl` on a free loopback port with
 * its socket in that folder.
 */
export const startPostgres = async (): Promise<PgCluster> => {
  const bin = postgresBin()
  if (!bin) throw new Error(postgresMissing() ?? 'no PostgreSQL')
  const dir = mkdtempSync(join(tmpdir(), 'jointplan-pg-'))
  const asRoot = userInfo().uid === 0
  const as = async (command: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]) : run(join(bin, command), args))
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres'])
    const { stdout: gid } = await run('id', ['-g', 'postgres'])
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()))
  }
  const data = join(dir, 'data')
  await as('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'])
  const port = await freePort()
  const start = () => as('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`, 'start'])
  await start()
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`
  return {
    port,
    async createDatabase(name) {
      const client = new pg.Client(admin)
      await client.connect()
      try {
        await client.query(`CREATE DATABASE "${name.replace(/[^a-z0-9_]/g, '_')}"`)
      } finally {
        await client.end()
      }
      return `postgres://postgres@127.0.0.1:${port}/${name.replace(/[^a-z0-9_]/g, '_')}`
    },
    async halt() {
      await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
    },
    async resume() {
      await start()
    },
    async stop() {
      await as('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * A cluster for one test file: started before its tests, stopped after; `run` is `it`, or
 * `it.skip` (with the reason printed once) where PostgreSQL is not installed.
 */
export const postgresFixture = () => {
  const missing = postgresMissing()
  if (missing) console.warn(missing)
  let cluster: PgCluster | null = null
  let databases = 0
  beforeAll(async () => {
    if (!missing) cluster = await startPostgres()
  }, 60_000)
  afterAll(async () => {
    await cluster?.stop()
  })
  return {
    missing,
    run: missing ? it.skip : it,
    /** The running cluster, for tests that stop and start it. */
    cluster: (): PgCluster => {
      if (!cluster) throw new Error('the PostgreSQL cluster is not running')
      return cluster
    },
    /** A new database of the cluster, named after what it is for. */
    database: (name: string): Promise<string> => {
      if (!cluster) throw new Error('the PostgreSQL cluster is not running')
      return cluster.createDatabase(`${name}_${++databases}`)
    },
  }
}
