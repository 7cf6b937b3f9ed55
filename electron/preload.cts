import electron = require('electron')

const { contextBridge, ipcRenderer } = electron

// The whole bridge: the window learns when to flush and says when it has; it asks to save
// itself as a PDF or an export under a file name (the person picks the folder), to open this
// computer's server to the room's network, and to show another server. Channels are fixed
// here; payloads are checked again in the main process, which also checks who asks.
contextBridge.exposeInMainWorld('jointplanDesktop', {
  onFlushRequest: (flush: () => Promise<boolean>) => {
    ipcRenderer.on('jointplan:flush-request', (_event, payload: { requestId?: unknown }) => {
      const requestId = typeof payload?.requestId === 'string' ? payload.requestId : ''
      void flush().then((ok) => ipcRenderer.send('jointplan:flush-done', { requestId, ok }))
    })
  },
  savePdf: (fileName: string): Promise<unknown> => ipcRenderer.invoke('jointplan:save-pdf', { fileName }),
  saveFile: (fileName: string, bytes: Uint8Array): Promise<unknown> => ipcRenderer.invoke('jointplan:save-file', { fileName, bytes }),
  host: (lan: boolean): Promise<unknown> => ipcRenderer.invoke('jointplan:host', { lan }),
  hostStatus: (): Promise<unknown> => ipcRenderer.invoke('jointplan:host-status', {}),
  openServer: (link: string): Promise<unknown> => ipcRenderer.invoke('jointplan:open-server', { link }),
  recentServers: (): Promise<unknown> => ipcRenderer.invoke('jointplan:recent-servers', {}),
})
