import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100

export interface ServerProcess {
  name: string
  url: string
  pid: number
  stop: () => Promise<void>
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })

const start = (name: string, child: ChildProcess, ready: RegExp, url: (match: RegExpExecArray) => string): Promise<ServerProcess> =>
  new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${out}`)), 30_000)
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const match = ready.exec(out)
      if (!match) return
      clearTimeout(timer)
      resolve({
        name,
        url: url(match),
        pid: child.pid ?? 0,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      })
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}: ${out}`)))
  })

/**
 * JointPlan's server as `npm start` runs it: compiled, plain node, durable storage and auth
 * on; with the app to serve, also the host's link (--local-owner).
 */
export const startJointPlan = (
  dataDir: string,
  staticDir: string | null,
  durability: 'full' | 'normal' = 'normal',
  shared: { postgres: string; tokenKey: string } | null = null,
): Promise<ServerProcess> => {
  const args = ['--port', '0', '--data', dataDir, '--durability', durability, ...(staticDir ? ['--static', staticDir, '--local-owner'] : []), ...(shared ? ['--postgres', shared.postgres] : [])]
  const env = { ...process.env, LOG_LEVEL: 'warn', ...(shared ? { JOINTPLAN_TOKEN_KEY: shared.tokenKey } : {}) }
  return start('JointPlan', spawn(process.execPath, ['dist/server/server/cli.js', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] }), /listening on (ws:\/\/\S+)/, (m) => m[1] ?? '')
}

/** The stock y-websocket backend (@y/websocket-server 0.1.1): memory only, no auth, any room name. */
export const startReference = async (): Promise<ServerProcess> => {
  const port = await freePort()
  return start(
    'reference',
    spawn(process.execPath, ['node_modules/@y/websocket-server/src/server.js'], {
      cwd: root,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
    /running at/,
    () => `ws://127.0.0.1:${port}`,
  )
}

/** Resident and peak resident memory (bytes) and CPU seconds used so far (children's included), from /proc. */
export const processStats = (pid: number): { rss: number; peakRss: number; cpuSeconds: number } => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // Its own time and its ended children's (JointPlan's compaction process is one of them).
  const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])
  return { rss: kb('VmRSS'), peakRss: kb('VmHWM'), cpuSeconds: ticks / CLOCK_TICKS }
}

/** A process and every process it started, children's children included. */
const processTree = (pid: number): number[] => {
  const children: number[] = []
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const listed = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim()
      if (listed) children.push(...listed.split(/\s+/).map(Number))
    }
  } catch {
    return []
  }
  return [pid, ...children.flatMap(processTree)]
}

/** Resident memory of a server and all its processes together (JointPlan's compaction and history processes), bytes. */
export const treeRss = (pid: number): number =>
  processTree(pid).reduce((sum, p) => {
    try {
      return sum + processStats(p).rss
    } catch {
      return sum
    }
  }, 0)

/** Resolves once the server runs no process but its own (JointPlan's helpers exit when idle), or after `timeoutMs`. */
export const quiet = async (pid: number, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (processTree(pid).length > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
}

/**
 * Samples `treeRss` until stopped: the peak is of the processes' memory at one moment, which
 * no single process's high-water mark tells.
 */
export const sampleTreeRss = (pid: number, everyMs = 50): (() => { peak: number; last: number }) => {
  let peak = treeRss(pid)
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(pid))), everyMs)
  return () => {
    clearInterval(timer)
    const last = treeRss(pid)
    return { peak: Math.max(peak, last), last }
  }
}

export const buildServer = (): void => {
  const run = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'server/tsconfig.build.json'], { cwd: root, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`could not compile the server: ${run.stdout}${run.stderr}`)
}
