import type { BrowserWindowConstructorOptions } from 'electron'

/**
 * The main window: the renderer gets no Node and runs sandboxed, isolated from the preload,
 * whose small bridge is all it can reach. Sized for a workshop laptop at 1280x800.
 */
export const windowOptions = (preloadPath: string): BrowserWindowConstructorOptions => ({
  width: 1280,
  height: 800,
  minWidth: 960,
  minHeight: 600,
  title: 'JointPlan',
  backgroundColor: '#eef1f4',
  show: false,
  webPreferences: {
    preload: preloadPath,
    contextIsolation: true,
    nodeIntegration: false,
    sandbox: true,
    webSecurity: true,
    spellcheck: true,
  },
})
