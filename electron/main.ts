import { randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, session as electronSession, shell, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron'
import { waitForFlush } from './closeGuard.js'
import { startHostedSession, type HostedSession } from './hostedSession.js'
import { IPC, parseIpc } from './ipc.js'
import { decideNavigation, isTrustedSender } from './navigation.js'
import { PDF_OPTIONS, savePdf } from './savePdf.js'
import { windowOptions } from './windowOptions.js'

// Thin glue only: every decision lives in the plain modules beside this file, tested under Node.
const here = fileURLToPath(new URL('.', import.meta.url))
let session: HostedSession | null = null
let mainWindow: BrowserWindow | null = null

/** A message from anything but a frame showing the app (an embedded or navigated-away page) is ignored. */
const fromApp = (event: IpcMainEvent | IpcMainInvokeEvent): boolean => session !== null && isTrustedSender(event.senderFrame?.url, session.origin)

/** The window shows the app and nothing else; links elsewhere go to the system browser after `decideNavigation`'s check. */
const keepOnApp = (window: BrowserWindow, origin: string): void => {
  window.webContents.on('will-navigate', (event, url) => {
    const decision = decideNavigation(url, origin)
    if (decision.kind === 'allow') return
    event.preventDefault()
    if (decision.kind === 'external') void shell.openExternal(decision.url)
  })
  window.webContents.setWindowOpenHandler(({ url }) => {
    const decision = decideNavigation(url, origin)
    if (decision.kind !== 'deny') void shell.openExternal(decision.kind === 'external' ? decision.url : url)
    return { action: 'deny' }
  })
}

const flushWindow = (window: BrowserWindow): Promise<boolean> =>
  new Promise((resolve) => {
    const requestId = randomUUID()
    const onDone = (event: IpcMainEvent, payload: unknown) => {
      if (!fromApp(event)) return
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
  mainWindow = window
  keepOnApp(window, session.origin)
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
  savePdf(fromApp(event) ? payload : null, {
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

// One instance at a time: a second launch brings the first to the front.
if (!app.requestSingleInstanceLock()) app.quit()
app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore()
  mainWindow?.focus()
})

app
  .whenReady()
  .then(() => {
    // No camera, microphone, location or notifications: the app asks for none, so none is granted.
    electronSession.defaultSession.setPermissionRequestHandler((_contents, _permission, answer) => answer(false))
    electronSession.defaultSession.setPermissionCheckHandler(() => false)
    return openWindow()
  })
  .catch((error: unknown) => {
    console.error(error)
    app.exit(1)
  })
app.on('window-all-closed', () => {
  void (session?.stop() ?? Promise.resolve()).finally(() => app.quit())
})
