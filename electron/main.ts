import { randomUUID } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session as electronSession, shell, utilityProcess, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron'
import { z } from 'zod'
import { waitForFlush } from './closeGuard.js'
import { desktopApi, type DesktopApi } from './desktopApi.js'
import { HostController, type HostChild } from './hostController.js'
import { IPC, parseIpc, type SaveResult } from './ipc.js'
import { menuTemplate, viewHash } from './menu.js'
import { menuLabels } from './menuLabels.js'
import { decideNavigation, isTrustedSender } from './navigation.js'
import type { SaveDeps } from './saveFile.js'
import { PDF_OPTIONS, savePdf } from './savePdf.js'
import { windowOptions } from './windowOptions.js'
import { restoreWindow } from './windowState.js'

// Thin glue only: every decision lives in the plain modules beside this file, tested under Node.
const here = fileURLToPath(new URL('.', import.meta.url))
const userFile = (name: string) => join(app.getPath('userData'), name)
const dataDir = () => userFile('data')
const readJson = (file: string): Promise<unknown> => readFile(file, 'utf8').then((text) => JSON.parse(text) as unknown, () => null)

let mainWindow: BrowserWindow | null = null

const spawnServer = (): HostChild => {
  const child = utilityProcess.fork(join(here, 'hostProcess.js'), [], { serviceName: 'JointPlan server', stdio: 'inherit' })
  return {
    postMessage: (command) => child.postMessage(command),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    kill: () => void child.kill(),
  }
}

const ServerFile = z.object({ port: z.number().int().min(0).max(65_535) })
let host: HostController | null = null
let api: DesktopApi | null = null

const ownOrigin = (): string | null => host?.current?.origin ?? null
const shownOrigins = (): string[] => [ownOrigin(), api?.joined() ?? null].filter((origin): origin is string => origin !== null)
/** A message from anything but a frame showing the app (an embedded or navigated-away page) is ignored. */
const fromApp = (event: IpcMainEvent | IpcMainInvokeEvent): boolean => {
  const own = ownOrigin()
  return own !== null && isTrustedSender(event.senderFrame?.url, [own])
}
/** Saving and flushing are also the joined server's page's to ask: they write nowhere it can choose. */
const fromShown = (event: IpcMainEvent | IpcMainInvokeEvent): boolean => isTrustedSender(event.senderFrame?.url, shownOrigins())

/** The window shows the app and nothing else; links elsewhere go to the system browser after `decideNavigation`'s check. */
const keepOnApp = (window: BrowserWindow): void => {
  window.webContents.on('will-navigate', (event, url) => {
    const decision = decideNavigation(url, shownOrigins())
    if (decision.kind === 'allow') return
    event.preventDefault()
    if (decision.kind === 'external') void shell.openExternal(decision.url)
  })
  window.webContents.setWindowOpenHandler(({ url }) => {
    // No second window: a link elsewhere goes to the system browser; one to the app itself goes nowhere (its address may carry a token).
    const decision = decideNavigation(url, shownOrigins())
    if (decision.kind === 'external') void shell.openExternal(decision.url)
    return { action: 'deny' }
  })
}

const flushWindow = (window: BrowserWindow): Promise<boolean> =>
  new Promise((resolve) => {
    const requestId = randomUUID()
    const onDone = (event: IpcMainEvent, payload: unknown) => {
      if (!fromShown(event)) return
      const done = parseIpc('flushDone', payload)
      if (done?.requestId !== requestId) return
      ipcMain.off(IPC.flushDone.channel, onDone)
      resolve(done.ok)
    }
    ipcMain.on(IPC.flushDone.channel, onDone)
    window.webContents.send(IPC.flushRequest.channel, { requestId })
  })

/** The save dialog over the app's window, starting in Documents, and the disk. */
const saveDeps = (windowNow: () => BrowserWindow | null): SaveDeps => ({
  choosePath: async (suggested) => {
    const window = windowNow()
    if (!window) return null
    const extension = suggested.slice(suggested.lastIndexOf('.') + 1)
    const chosen = await dialog.showSaveDialog(window, { defaultPath: join(app.getPath('documents'), suggested), filters: [{ name: extension.toUpperCase(), extensions: [extension] }] })
    return chosen.canceled || !chosen.filePath ? null : chosen.filePath
  },
  write: (path, bytes) => writeFile(path, bytes),
})
const pdfDeps = (window: BrowserWindow) => ({ ...saveDeps(() => window), print: () => window.webContents.printToPDF(PDF_OPTIONS) })

const installMenu = (window: BrowserWindow): void => {
  const go = (hash: string | null) => {
    const own = ownOrigin()
    if (hash && own) void window.loadURL(`${own}/${hash}`)
  }
  const template = menuTemplate(
    menuLabels(app.getLocale()),
    {
      newPlan: () => go('#/'),
      hostWorkshop: () => go('#/host'),
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
  const remembered = ServerFile.safeParse(await readJson(userFile('server.json'))).data?.port ?? 0
  host = new HostController(spawnServer, { dataDir: dataDir(), staticDir: join(here, '..', '..', 'renderer'), port: remembered })
  const desk = desktopApi({
    host,
    rememberPort: (port) => writeFile(userFile('server.json'), JSON.stringify({ port })),
    show: async (url) => void (await mainWindow?.loadURL(url)),
    readRecent: () => readJson(userFile('recent-servers.json')),
    writeRecent: (list) => writeFile(userFile('recent-servers.json'), JSON.stringify(list)),
    save: saveDeps(() => mainWindow),
    now: () => new Date(),
  })
  api = desk
  // A server process that died is started again as it was; the window's rooms reconnect by themselves.
  host.onUnexpectedExit((lan) => void desk.startServer(lan).catch((error: unknown) => console.error(error)))
  await desk.startServer(false)
  const place = restoreWindow(await readJson(userFile('window-state.json')), screen.getAllDisplays().map((d) => d.workArea), { width: 1280, height: 800 })
  const window = new BrowserWindow({ ...windowOptions(join(here, 'preload.cjs')), ...place })
  if (place.maximized) window.maximize()
  mainWindow = window
  keepOnApp(window)
  installMenu(window)
  let closing = false
  window.on('close', (event) => {
    if (closing) return
    event.preventDefault()
    closing = true
    void writeFile(userFile('window-state.json'), JSON.stringify({ ...window.getNormalBounds(), maximized: window.isMaximized() })).catch(() => undefined)
    void waitForFlush(() => flushWindow(window)).finally(() => window.destroy())
  })
  window.once('ready-to-show', () => window.show())
  await window.loadURL((host.current as { appUrl: string }).appUrl)
}

const windowOf = (event: IpcMainInvokeEvent): BrowserWindow | null => BrowserWindow.fromWebContents(event.sender)

ipcMain.handle(IPC.savePdf.channel, (event, payload: unknown): Promise<SaveResult> | SaveResult => {
  const window = windowOf(event)
  return window ? savePdf(fromShown(event) ? payload : null, pdfDeps(window)) : { outcome: 'refused', reason: 'no window to print' }
})
// The window's requests: who may ask is decided here, what is done in `desktopApi.ts`.
ipcMain.handle(IPC.saveFile.channel, (event, payload: unknown): Promise<SaveResult> | SaveResult =>
  api ? api.saveFile(fromShown(event) ? payload : null) : { outcome: 'refused', reason: 'the app is still starting' },
)
ipcMain.handle(IPC.hostStatus.channel, (event) => (fromApp(event) ? (api?.hostStatus() ?? null) : null))
ipcMain.handle(IPC.host.channel, (event, payload: unknown) =>
  fromApp(event) && api ? api.host(payload) : { outcome: 'refused', reason: 'only this computer’s own page may host' },
)
ipcMain.handle(IPC.recentServers.channel, (event) => (fromApp(event) && api ? api.recentServers() : []))
ipcMain.handle(IPC.openServer.channel, (event, payload: unknown) => (fromApp(event) && api ? api.openServer(payload) : false))

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
  // Every room written out and checkpointed before the app goes.
  void (host?.stop() ?? Promise.resolve()).finally(() => app.quit())
})
