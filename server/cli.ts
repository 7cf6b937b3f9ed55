import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { PlanScope, Role } from '../shared/access.js'
import { localOwnerToken } from './auth/localOwner.js'
import { loadOrCreateSecret } from './auth/secretKey.js'
import { IssueRequest, TokenService } from './auth/TokenService.js'
import { ServerConfig } from './config.js'
import { createLogger } from './logger.js'
import { JointPlanServer } from './Server.js'
import { PostgresUpdateLog } from './storage/PostgresUpdateLog.js'
import { SqliteUpdateLog } from './storage/SqliteUpdateLog.js'

const usage = `usage:
  npm run server -- [--port 4455] [--host 127.0.0.1] [--public-host ADDRESS] [--data DIR] [--static DIR] [--durability full|normal] [--local-owner] [--postgres URL]
  npm run server -- token --data DIR|--postgres URL --plan ID|ID,ID…|* --role owner|editor|commenter|viewer|coordinator --name NAME [--org ORG] [--days N, default 30]
  npm run server -- revoke --data DIR|--postgres URL --id TOKEN_ID
  --postgres URL (or DATABASE_URL) keeps the log in PostgreSQL, shared by every instance given the same URL;
  then JOINTPLAN_TOKEN_KEY must hold the deployment's token key (32 bytes, base64), the same for every instance and command;
  --host 0.0.0.0 opens the server to the local network (--public-host: the address others reach it at, for links); --data defaults to ~/.jointplan;
  --local-owner prints a link with an owner token for every plan, valid from this computer only`

/**
 * `npm run build` puts the renderer in dist/renderer; the server serves it when it exists.
 * Built, this file is dist/server/server/cli.js; under tsx (development), server/cli.ts.
 */
const builtRenderer = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../dist/renderer' : '../../renderer', import.meta.url))
const defaultData = join(homedir(), '.jointplan')

/** A PostgreSQL connection URL, from --postgres or else DATABASE_URL (see `parse`): the shared log of several instances. */
const Postgres = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL (from --postgres, or else DATABASE_URL)')
  .optional()
/** The token key a deployment configures once for all its instances: 32 or more bytes, base64. */
const TokenKey = z
  .string({ error: 'JOINTPLAN_TOKEN_KEY is not set: with --postgres, every instance needs the same token key (openssl rand -base64 32)' })
  .transform((text) => new Uint8Array(Buffer.from(text.trim(), 'base64')))
  .refine((key) => key.length >= 32, 'JOINTPLAN_TOKEN_KEY must hold at least 32 bytes, base64')

const ServeArgs = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(4455),
  host: z.string().min(1).default('127.0.0.1'),
  /** The address participants reach this server at, when it listens on every interface. */
  'public-host': ServerConfig.shape.publicHost,
  data: z.string().min(1).default(defaultData),
  static: z.string().min(1).optional(),
  durability: ServerConfig.shape.durability,
  'local-owner': z.boolean().default(false),
  postgres: Postgres,
})
/** Where invites are kept: the data folder's SQLite file, or the shared PostgreSQL database. */
const needsStorage = { message: 'give --data DIR (the server’s data folder) or --postgres URL', path: ['data'] }
const TokenArgs = z
  .object({
    data: z.string().min(1).optional(),
    postgres: Postgres,
    /** One plan, a coordinator's comma-separated list, or `*` for every plan. */
    plan: z.string().transform((text) => (text.includes(',') ? text.split(',').map((id) => id.trim()) : text)).pipe(PlanScope),
    role: Role,
    name: z.string().min(1),
    org: z.string().default(''),
    days: z.coerce.number().positive().default(30),
  })
  .refine((a) => a.data || a.postgres, needsStorage)
const RevokeArgs = z
  .object({ data: z.string().min(1).optional(), postgres: Postgres, id: z.string().uuid('must be a token id (a UUID)') })
  .refine((a) => a.data || a.postgres, needsStorage)

/** The configured token key, or the reason there is none. */
const tokenKey = (): Uint8Array => {
  const key = TokenKey.safeParse(process.env.JOINTPLAN_TOKEN_KEY)
  return key.success ? key.data : fail(z.prettifyError(key.error))
}

const fail = (message: string): never => {
  console.error(`${message}\n${usage}`)
  process.exit(2)
}

const parse = <S extends z.ZodType>(schema: S, argv: string[], options: Record<string, { type: 'string' | 'boolean' }>): z.output<S> => {
  let values: Record<string, unknown> = {}
  try {
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values
    // The environment's database, checked like the flag's.
    if (values.postgres === undefined && 'postgres' in options && process.env.DATABASE_URL) values.postgres = process.env.DATABASE_URL
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error))
  }
  const parsed = schema.safeParse(values)
  return parsed.success ? parsed.data : fail(z.prettifyError(parsed.error))
}

const withTokens = async <T>(where: { data?: string; postgres?: string }, run: (tokens: TokenService) => Promise<T>): Promise<T> => {
  const { postgres } = where
  // The arguments' schema asks for --data whenever there is no database.
  const dataDir = resolve(where.data ?? '')
  const key = postgres ? tokenKey() : loadOrCreateSecret(dataDir)
  const store = postgres ? await PostgresUpdateLog.open(postgres, createLogger()) : new SqliteUpdateLog(dataDir, 'full')
  try {
    const tokens = new TokenService(key, store)
    await tokens.confirmKey()
    return await run(tokens)
  } finally {
    await store.close()
  }
}

const token = async (argv: string[]): Promise<void> => {
  const s = { type: 'string' } as const
  const args = parse(TokenArgs, argv, { data: s, postgres: s, plan: s, role: s, name: s, org: s, days: s })
  const request = IssueRequest.safeParse({ plan: args.plan, role: args.role, name: args.name, org: args.org, days: args.days })
  if (!request.success) return fail(z.prettifyError(request.error))
  const issued = await withTokens(args, (tokens) => tokens.issue(request.data))
  const plans = Array.isArray(issued.identity.plan) ? `plans ${issued.identity.plan.join(', ')}` : `plan ${issued.identity.plan}`
  console.log(`token id ${issued.identity.tokenId}: ${issued.identity.role} of ${plans} for ${issued.identity.name}, expires ${new Date(issued.identity.expiresAt).toISOString()}`)
  console.log(issued.token)
}

const revoke = async (argv: string[]): Promise<void> => {
  const args = parse(RevokeArgs, argv, { data: { type: 'string' }, postgres: { type: 'string' }, id: { type: 'string' } })
  const found = await withTokens(args, (tokens) => tokens.revoke(args.id))
  if (!found) {
    console.error(`no token ${args.id} in ${args.postgres ? 'the PostgreSQL database' : args.data}`)
    process.exit(1)
  }
  console.log(`revoked ${args.id}`)
}

const serve = async (argv: string[]): Promise<void> => {
  const s = { type: 'string' } as const
  const args = parse(ServeArgs, argv, { port: s, host: s, 'public-host': s, data: s, static: s, durability: s, 'local-owner': { type: 'boolean' }, postgres: s })
  const logger = createLogger()
  const key = args.postgres ? tokenKey() : null
  // Shared by every instance: the log, the tokens, the plan list, the records, and the signal between them.
  const shared = args.postgres ? await PostgresUpdateLog.open(args.postgres, logger) : null
  const deps = shared && key ? { log: shared, tokenStore: shared, directory: shared, versions: shared, rounds: shared, joinCodes: shared, historyLog: shared, feed: shared, tokenKey: key } : {}
  const server = await JointPlanServer.start(
    {
      host: args.host,
      publicHost: args['public-host'],
      port: args.port,
      dataDir: resolve(args.data),
      durability: args.durability,
      staticDir: args.static ? resolve(args.static) : existsSync(builtRenderer) ? builtRenderer : null,
    },
    { logger, ...deps },
  )
  console.log(`listening on ${server.url}`)
  if (server.config.staticDir) {
    const page = `http://127.0.0.1:${server.port}/`
    if (args['local-owner']) {
      const local = await localOwnerToken(server.tokens, server.config.dataDir)
      console.log(`open ${page}#/?token=${local} in a browser on this computer`)
    } else {
      console.log(`open ${page} in a browser`)
    }
  }
  logger.info({ url: server.url, dataDir: server.config.dataDir, storage: shared ? 'PostgreSQL (shared by every instance given its URL)' : 'the SQLite file in the data folder' }, 'listening')
  if (!shared && process.env.JOINTPLAN_TOKEN_KEY) logger.warn('JOINTPLAN_TOKEN_KEY is set but no --postgres or DATABASE_URL: this instance keeps its own SQLite log and the key in its data folder')

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'stopping')
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'stopped with unwritten updates')
        process.exit(1)
      },
    )
  }
  // A promise nothing handled is a bug to log and count, not a reason to end everyone's session.
  process.on('unhandledRejection', (err: unknown) => {
    server.metrics.unhandledRejections.inc()
    logger.error({ err }, 'unhandled rejection')
  })
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

const [command, ...rest] = process.argv.slice(2)
const run = command === 'token' ? token(rest) : command === 'revoke' ? revoke(rest) : serve(process.argv.slice(2))
run.catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
