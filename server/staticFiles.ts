import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'

const gzipAsync = promisify(gzip)

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
}

/** Text compresses to a third or less; fonts and images are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.webmanifest', '.svg'])

/**
 * Compressed once per file version and kept: the build is a few dozen text files, and a
 * phone on venue Wi-Fi downloads the first view in a third of the time.
 */
const compressed = new Map<string, { mtimeMs: number; body: Buffer }>()
const gzipped = async (file: string, mtimeMs: number): Promise<Buffer> => {
  const hit = compressed.get(file)
  if (hit?.mtimeMs === mtimeMs) return hit.body
  const body = await gzipAsync(await readFile(file), { level: 9 })
  compressed.set(file, { mtimeMs, body })
  return body
}

/**
 * Serves the built renderer so that a workshop participant needs only a browser. Hashed
 * assets are cached for good; the page and the service worker are revalidated every time,
 * so a new build reaches everyone on their next load.
 */
export const serveStatic = async (root: string, urlPath: string, acceptsGzip: boolean, res: ServerResponse): Promise<boolean> => {
  let relative: string
  try {
    relative = urlPath === '/' ? 'index.html' : decodeURIComponent(urlPath).replace(/^\/+/, '')
  } catch {
    return false
  }
  const file = normalize(join(root, relative))
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return false
  const info = await stat(file).catch(() => null)
  if (!info?.isFile()) return false
  const immutable = relative.startsWith('assets/')
  const headers = {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'accept-encoding',
  }
  if (acceptsGzip && COMPRESSIBLE.has(extname(file))) {
    const body = await gzipped(file, info.mtimeMs)
    res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': body.byteLength })
    res.end(body)
    return true
  }
  res.writeHead(200, { ...headers, 'content-length': info.size })
  await new Promise<void>((resolve, reject) => {
    createReadStream(file).on('error', reject).on('end', resolve).pipe(res)
  })
  return true
}
