import electron = require('electron')

const { contextBridge, ipcRenderer } = electron

// The whole bridge: the window learns when to flush and says when it has, and asks to save
// itself as a PDF under a file name (the person picks the folder). Channels are fixed here;
// payloads are checked again in the main process.
contextBridge.exposeInMainWorld('jointplanDesktop', {
  onFlushRequest: (flush: () => Promise<boolean>) => {
    ipcRenderer.on('jointplan:flush-request', (_event, payload: { requestId?: unknown }) => {
      const requestId = typeof payload?.requestId === 'string' ? payload.requestId : ''
      void flush().then((ok) => ipcRenderer.send('jointplan:flush-done', { requestId, ok }))
    })
  },
  savePdf: (fileName: string): Promise<unknown> => ipcRenderer.invoke('jointplan:save-pdf', { fileName }),
})
