import { PdfResult } from '../electron/ipc.js'

/** What the desktop app's preload (electron/preload.cts) gives the window; absent in a browser. */
export interface DesktopBridge {
  onFlushRequest: (flush: () => Promise<boolean>) => void
  savePdf: (fileName: string) => Promise<unknown>
}

declare global {
  interface Window {
    jointplanDesktop?: DesktopBridge
  }
}

export const isDesktop = (): boolean => window.jointplanDesktop !== undefined

/** Saves the window as it is now as a PDF, through the desktop app's save dialog; null in a browser. */
export const savePdfOnDesktop = async (fileName: string): Promise<PdfResult | null> => {
  const bridge = window.jointplanDesktop
  if (!bridge) return null
  const answer = PdfResult.safeParse(await bridge.savePdf(fileName).catch((error: unknown) => ({ outcome: 'refused', reason: String(error) })))
  return answer.success ? answer.data : { outcome: 'refused', reason: 'the desktop app gave an answer this window does not understand' }
}
