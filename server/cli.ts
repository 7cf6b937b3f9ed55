import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { ServerConfig } from './config.js'
import { createLogger } from './logger.js'
import { JointPlanServer } from './Server.js'

const usage = `usage: npm run server -- [--port 4455] [--host 127.0.0.1] [--data DIR] [--durability full|normal]
  --host 0.0.0.0 opens the server to the local network; --data defaults to ~/.jointplan`

/** `npm run build` puts the renderer here; the server serves it when it exists. */
const builtRenderer = fileURLToPath(new URL('../dist/renderer', import.meta.url))

const Args = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(4455),
  host: z.string().min(1).default('127.0.0.1'),
  data: z.string().min(1).default(join(homedir(), '.jointplan')),
  durability: ServerConfig.shape.durability,
})

const main = async (): Promise<void> => {
  let raw: Record<string, unknown>
  try {
    raw = parseArgs({
      options: { port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' }, durability: { type: 'string' } },
      strict: true,
    }).values
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`)
    process.exit(2)
  }
  const args = Args.safeParse(raw)
  if (!args.success) {
    console.error(`${z.prettifyError(args.error)}\n${usage}`)
    process.exit(2)
  }
  const logger = createLogger()
  const server = await JointPlanServer.start({
    host: args.data.host,
    port: args.data.port,
    dataDir: resolve(args.data.data),
    durability: args.data.durability,
    staticDir: existsSync(builtRenderer) ? builtRenderer : null,
  }, { logger })
  console.log(`listening on ${server.url}`)
  if (server.config.staticDir) console.log(`open ${server.url.replace('ws://', 'http://')}/ in a browser`)
  logger.info({ url: server.url, dataDir: server.config.dataDir }, 'listening')

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
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
