import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** The compiled server, as `npm start` and `npm run server` run it: what ships, not the sources. */
const CLI = 'dist/server/server/cli.js'
/** The compiled checker `npm run verify` runs. */
const VERIFY_CLI = 'dist/server/server/verifyCli.js'

const built = (file: string): string => {
  if (!existsSync(`${root}/${file}`)) throw new Error(`${file} is missing: run \`npm run build\` first`)
  return file
}
const builtCli = (): string => built(CLI)

/** Runs the compiled CLI to its end (token, revoke, bad arguments). */
export const runCli = (args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> =>
  spawnSync(process.execPath, [builtCli(), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } })

/** Runs `npm run verify`'s compiled checker on a file, as on a computer with no server. */
export const runVerify = (file: string): SpawnSyncReturns<string> => spawnSync(process.execPath, [built(VERIFY_CLI), file], { cwd: root, encoding: 'utf8' })

export interface ChildServer {
  process: ChildProcess
  url: string
  stdout: () => string
  stderr: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** The server as a person starts it, `npm run server -- ...`, minus npm: the compiled server in its own process. */
export const spawnServer = (args: string[], env: Record<string, string> = {}): Promise<ChildServer> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtCli(), ...args], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.once('exit', (code, signal) => done({ code, signal })),
    )
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 20_000)
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const match = /listening on (ws:\/\/\S+)/.exec(stdout)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve({ process: child, url: match[1], stdout: () => stdout, stderr: () => stderr, exited })
      }
    })
    void exited.then(({ code }) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before listening: ${stderr}`))
    })
  })
