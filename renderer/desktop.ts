import { HostAnswer, HostStatus, RecentServers, SaveResult, type RecentServer } from '../electron/ipc.js'

/** What the desktop app's preload (electron/preload.cts) gives the window; absent in a browser. Every answer is parsed as input. */
export interface DesktopBridge {
  onFlushRequest: (flush: () => Promise<boolean>) => void
  savePdf: (fileName: string) => Promise<unknown>
  saveFile: (fileName: string, bytes: Uint8Array) => Promise<unknown>
  host: (lan: boolean) => Promise<unknown>
  hostStatus: () => Promise<unknown>
  openServer: (link: string) => Promise<unknown>
  recentServers: () => Promise<unknown>
}

declare global {
  interface Window {
    jointplanDesktop?: DesktopBridge
  }
}

export const isDesktop = (): boolean => window.jointplanDesktop !== undefined

const refused = (error: unknown) => ({ outcome: 'refused', reason: error instanceof Error ? error.message : String(error) })
const UNREADABLE = 'the desktop app gave an answer this window does not understand'

const parseSave = (answer: unknown): SaveResult => SaveResult.safeParse(answer).data ?? { outcome: 'refused', reason: UNREADABLE }

/** Saves the window as it is now as a PDF, through the desktop app's save dialog; null in a browser. */
export const savePdfOnDesktop = async (fileName: string): Promise<SaveResult | null> => {
  const bridge = window.jointplanDesktop
  return bridge ? parseSave(await bridge.savePdf(fileName).catch(refused)) : null
}

/** Saves an export through the desktop app's save dialog; null in a browser. */
export const saveFileOnDesktop = async (fileName: string, bytes: Uint8Array): Promise<SaveResult | null> => {
  const bridge = window.jointplanDesktop
  return bridge ? parseSave(await bridge.saveFile(fileName, bytes).catch(refused)) : null
}

/** Whether this computer's server is open to the room's network; null in a browser, or on a page of another server. */
export const hostStatus = async (): Promise<HostStatus | null> => {
  const bridge = window.jointplanDesktop
  return bridge ? (HostStatus.safeParse(await bridge.hostStatus().catch(() => null)).data ?? null) : null
}

export const setHosting = async (lan: boolean): Promise<HostAnswer> => {
  const bridge = window.jointplanDesktop
  if (!bridge) return { outcome: 'refused', reason: 'not the desktop app' }
  return HostAnswer.safeParse(await bridge.host(lan).catch(refused)).data ?? { outcome: 'refused', reason: UNREADABLE }
}

/** Shows another server's page (a link someone gave) in this window; false when the app refused the link. */
export const openServer = async (link: string): Promise<boolean> => (await window.jointplanDesktop?.openServer(link).catch(() => false)) === true

export const recentServers = async (): Promise<RecentServer[]> => RecentServers.safeParse(await window.jointplanDesktop?.recentServers().catch(() => [])).data ?? []
