import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { launchBrowser } from '../test/helpers/browser.js'
import { median } from './stats.js'

/** What a phone downloads before the first view shows, and how long that takes on a slow venue network. */
export interface FirstLoadFigures {
  /** The entry script and the chunks it imports statically (what `index.html` loads or preloads), gzipped. */
  jsGzipKb: number
  cssGzipKb: number
  /** From navigation to the plans page's heading, over 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip. */
  throttledMs: number
}

export const FIRST_VIEW_JS_TARGET_KB = 250

const gzippedKb = (dir: string, files: string[]): number =>
  files.reduce((sum, file) => sum + gzipSync(readFileSync(join(dir, file)), { level: 9 }).byteLength, 0) / 1024

export const firstViewBytes = (dir: string): { jsGzipKb: number; cssGzipKb: number } => {
  const html = readFileSync(join(dir, 'index.html'), 'utf8')
  const referenced = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]!)
  return {
    jsGzipKb: gzippedKb(dir, referenced.filter((f) => f.endsWith('.js'))),
    cssGzipKb: gzippedKb(dir, referenced.filter((f) => f.endsWith('.css'))),
  }
}

export const measureFirstLoad = async (httpOrigin: string, dir: string, repeats: number): Promise<FirstLoadFigures> => {
  const browser = await launchBrowser()
  try {
    const times: number[] = []
    for (let i = 0; i < repeats; i++) {
      // A fresh profile each time: nothing cached, no service worker yet.
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
      const page = await context.newPage()
      const cdp = await context.newCDPSession(page)
      await cdp.send('Network.enable')
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 })
      await page.goto(`${httpOrigin}/#/`, { waitUntil: 'commit' })
      await page.getByRole('heading', { name: 'Your plans' }).waitFor({ timeout: 60_000 })
      times.push(await page.evaluate(() => performance.now()))
      await context.close()
    }
    return { ...firstViewBytes(dir), throttledMs: median(times) }
  } finally {
    await browser.close()
  }
}
