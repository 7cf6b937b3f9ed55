import { randomUUID } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session as electronSession, shell, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron'
import { waitForFlush } from './closeGuard.js'
import { startHostedSession, type HostedSession } from './hostedSession.js'
import { IPC, parseIpc } from './ipc.js'
import { menuTemplate, viewHash } from './menu.js'
import { menuLabels } from './menuLabels.js'
import { decideNavigation, isTrustedSender } from './navigation.js'
import { PDF_OPTIONS, savePdf } from './savePdf.js'
import { windowOptions } from './windowOptions.js'
import { restoreWindow } from './windowState.js'

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
    // No second window: a link elsewhere goes to the system browser; one to the app itself goes nowhere (its address may carry a token).
    const decision = decideNavigation(url, origin)
    if (decision.kind === 'external') void shell.openExternal(decision.url)
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

const dataDir = () => join(app.getPath('userData'), 'data')
const stateFile = () => join(app.getPath('userData'), 'window-state.json')

/** Printing what `window` shows to a PDF where the person chooses. */
const pdfDeps = (window: BrowserWindow) => ({
  print: () => window.webContents.printToPDF(PDF_OPTIONS),
  choosePath: async (suggested: string) => {
    const chosen = await dialog.showSaveDialog(window, { defaultPath: join(app.getPath('documents'), suggested), filters: [{ name: 'PDF', extensions: ['pdf'] }] })
    return chosen.canceled || !chosen.filePath ? null : chosen.filePath
  },
  write: (path: string, bytes: Uint8Array) => writeFile(path, bytes),
})

const installMenu = (window: BrowserWindow): void => {
  const go = (hash: string | null) => {
    if (hash && session) void window.loadURL(`${session.origin}/${hash}`)
  }
  const template = menuTemplate(
    menuLabels(app.getLocale()),
    {
      newPlan: () => go('#/'),
      showView: (view) => go(viewHash(window.webContents.getURL(), view)),
      printToPdf: () => void savePdf({ fileName: 'JointPlan.pdf' }, pdfDeps(window)),
      openDataFolder: () => void shell.openPath(dataDir()),
      about: () => void dialog.showMessageBox(window, { message: `JointPlan ${app.getVersion()}` }),
    },
    app.getVersion(),
    process.platform === 'darwin',
  )
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

const openWindow = async (): Promise<void> => {
  session ??= await startHostedSession({
    dataDir: dataDir(),
    staticDir: join(here, '..', '..', 'renderer'),
    lan: process.argv.includes('--host-workshop'),
  })
  const saved: unknown = await readFile(stateFile(), 'utf8').then((text) => JSON.parse(text) as unknown, () => null)
  const place = restoreWindow(saved, screen.getAllDisplays().map((d) => d.workArea), { width: 1280, height: 800 })
  const window = new BrowserWindow({ ...windowOptions(join(here, 'preload.cjs')), ...place })
  if (place.maximized) window.maximize()
  mainWindow = window
  keepOnApp(window, session.origin)
  installMenu(window)
  let closing = false
  window.on('close', (event) => {
    if (closing) return
    event.preventDefault()
    closing = true
    void writeFile(stateFile(), JSON.stringify({ ...window.getNormalBounds(), maximized: window.isMaximized() })).catch(() => undefined)
    void waitForFlush(() => flushWindow(window)).finally(() => window.destroy())
  })
  window.once('ready-to-show', () => window.show())
  await window.loadURL(session.appUrl)
}

ipcMain.handle(IPC.savePdf.channel, (event, payload: unknown) => {
  const window = BrowserWindow.fromWebContents(event.sender)
  if (!window) return { outcome: 'refused', reason: 'no window to print' }
  return savePdf(fromApp(event) ? payload : null, pdfDeps(window))
})

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
