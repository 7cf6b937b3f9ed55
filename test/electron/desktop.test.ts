import { describe, expect, it } from 'vitest'
import { waitForFlush } from '../../electron/closeGuard.js'
import { startHostedSession } from '../../electron/hostedSession.js'
import { parseIpc } from '../../electron/ipc.js'
import { savePdf } from '../../electron/savePdf.js'
import { windowOptions } from '../../electron/windowOptions.js'
import { connectClient, synced, tempDataDir } from '../helpers/server.js'

describe('the desktop shell, without Electron', () => {
  it('opens the window with no Node in the page, isolated and sandboxed, at a workshop laptop size', () => {
    const options = windowOptions('/app/preload.cjs')
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true, preload: '/app/preload.cjs' })
    expect(options.width).toBeGreaterThanOrEqual(1280)
    expect(options.minWidth).toBeLessThanOrEqual(1280)
  })

  it('parses every IPC payload and drops what does not fit', () => {
    const requestId = '0b6f2c9e-4a8d-4a35-9a3e-2f4a1b7c8d90'
    expect(parseIpc('flushDone', { requestId, ok: true })).toEqual({ requestId, ok: true })
    expect(parseIpc('flushDone', { requestId, ok: 'yes' })).toBeNull()
    expect(parseIpc('flushDone', { requestId: 'x', ok: true })).toBeNull()
    expect(parseIpc('flushRequest', { requestId, extra: 1 })).toBeNull()
  })

  it('saves a PDF only where the person chose, adds the extension, and reports a failed print instead of throwing', async () => {
    const written: string[] = []
    const deps = (chosen: string | null, print = async () => new Uint8Array([37, 80, 68, 70])) => ({
      print,
      choosePath: async () => chosen,
      write: async (path: string) => void written.push(path),
    })
    expect(await savePdf({ fileName: 'Plan.pdf' }, deps(null))).toEqual({ outcome: 'cancelled' })
    expect(written).toEqual([])
    expect(await savePdf({ fileName: 'Plan.pdf' }, deps('/home/delegate/Plan'))).toEqual({ outcome: 'saved', path: '/home/delegate/Plan.pdf' })
    expect(written).toEqual(['/home/delegate/Plan.pdf'])
    const failing = deps('/home/delegate/Plan.pdf', () => Promise.reject(new Error('the page crashed')))
    expect(await savePdf({ fileName: 'Plan.pdf' }, failing)).toEqual({ outcome: 'refused', reason: 'the page crashed' })
    for (const forged of [{ fileName: 'C:\\Windows\\x.pdf' }, { fileName: 'a/b.pdf' }, { fileName: 'plan.exe' }, { fileName: 'Plan.pdf', path: '/etc' }, null]) {
      expect(await savePdf(forged, deps('/tmp/never.pdf'))).toMatchObject({ outcome: 'refused' })
    }
    expect(written).toEqual(['/home/delegate/Plan.pdf'])
  })

  it('closes once the window has flushed, or after the deadline when it cannot', async () => {
    expect(await waitForFlush(async () => true)).toBe('flushed')
    expect(await waitForFlush(async () => false)).toBe('failed')
    expect(await waitForFlush(() => Promise.reject(new Error('renderer crashed')))).toBe('failed')
    expect(await waitForFlush(() => new Promise(() => undefined), 50)).toBe('timed-out')
  })

  it('hosts a session: a real server on loopback that serves the app and syncs, and stops cleanly', async () => {
    const session = await startHostedSession({ dataDir: tempDataDir(), staticDir: tempDataDir(), lan: false })
    try {
      expect(session.appUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/\?token=/)
      expect(session.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/)
      const health = await fetch(`${session.origin}/healthz`)
      expect(health.status).toBe(200)
      const client = connectClient(session.wsUrl, 'plan/desk', session.localOwnerToken)
      await synced(client)
      client.destroy()
    } finally {
      await session.stop()
    }
    await expect(fetch(`${session.origin}/healthz`)).rejects.toThrow()
  })
})
