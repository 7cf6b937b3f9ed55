import { randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain } from 'electron'
import { waitForFlush } from './closeGuard.js'
import { startHostedSession, type HostedSession } from './hostedSession.js'
import { IPC, parseIpc } from './ipc.js'
import { PDF_OPTIONS, savePdf } from './savePdf.js'
import { windowOptions } from './windowOptions.js'

// Thin glue only: every decision lives in the plain modules beside this file, tested under Node.
const here = fileURLToPath(new URL('.', import.meta.url))
let session: HostedSession | null = null

const flushWindow = (window: BrowserWindow): Promise<boolean> =>
  new Promise((resolve) => {
    const requestId = randomUUID()
    const onDone = (_event: unknown, payload: unknown) => {
      const done = parseIpc('flushDone', payload)
      if (done?.requestId !== requestId) return
      ipcMain.off(IPC.flushDone.channel, onDone)
      resolve(done.ok)
    }
    ipcMain.on(IPC.flushDone.channel, onDone)
    window.webContents.send(IPC.flushRequest.channel, { requestId })
  })

const openWindow = async (): Promise<void> => {
  session ??= await startHostedSession({
    dataDir: join(app.getPath('userData'), 'data'),
    staticDir: join(here, '..', '..', 'renderer'),
    lan: process.argv.includes('--host-workshop'),
  })
  const window = new BrowserWindow(windowOptions(join(here, 'preload.cjs')))
  let closing = false
  window.on('close', (event) => {
    if (closing) return
    event.preventDefault()
    closing = true
    void waitForFlush(() => flushWindow(window)).finally(() => window.destroy())
  })
  window.once('ready-to-show', () => window.show())
  await window.loadURL(session.appUrl)
}

ipcMain.handle(IPC.savePdf.channel, (event, payload: unknown) =>
  savePdf(payload, {
    print: () => event.sender.printToPDF(PDF_OPTIONS),
    choosePath: async (suggested) => {
      const window = BrowserWindow.fromWebContents(event.sender)
      const options = { defaultPath: join(app.getPath('documents'), suggested), filters: [{ name: 'PDF', extensions: ['pdf'] }] }
      const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
      return chosen.canceled || !chosen.filePath ? null : chosen.filePath
    },
    write: (path, bytes) => writeFile(path, bytes),
  }),
)

app.whenReady().then(openWindow, (error: unknown) => {
  console.error(error)
  app.exit(1)
})
app.on('window-all-closed', () => {
  void (session?.stop() ?? Promise.resolve()).finally(() => app.quit())
})
