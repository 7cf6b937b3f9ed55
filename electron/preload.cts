import electron = require('electron')

const { contextBridge, ipcRenderer } = electron

// The whole bridge: the window learns when to flush and says when it has. Channels are
// fixed here; payloads are checked again in the main process.
contextBridge.exposeInMainWorld('jointplanDesktop', {
  onFlushRequest: (flush: () => Promise<boolean>) => {
    ipcRenderer.on('jointplan:flush-request', (_event, payload: { requestId?: unknown }) => {
      const requestId = typeof payload?.requestId === 'string' ? payload.requestId : ''
      void flush().then((ok) => ipcRenderer.send('jointplan:flush-done', { requestId, ok }))
    })
  },
})
