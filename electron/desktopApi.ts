import type { HostController } from './hostController.js'
import { parseIpc, type HostAnswer, type HostStatus, type RecentServer, type SaveResult } from './ipc.js'
import { readRecentServers, rememberServer, serverOrigin } from './recentServers.js'
import { saveFile, type SaveDeps } from './saveFile.js'

export interface DesktopApiDeps {
  host: HostController
  /** Keeps the server's port for the next launch (the window's address, and its stored data, stay the same). */
  rememberPort: (port: number) => Promise<void>
  /** Shows `url` in the window: this computer's app after its server moved, or another server's page. */
  show: (url: string) => Promise<void>
  readRecent: () => Promise<unknown>
  writeRecent: (list: RecentServer[]) => Promise<void>
  save: SaveDeps
  now: () => Date
}

/**
 * What the window may ask the main process, answered: every payload parsed, every answer of
 * the shapes `ipc.ts` names. The main process decides who may ask (`navigation.ts`); this
 * decides what is done.
 */
export const desktopApi = (deps: DesktopApiDeps) => {
  /** Another server the person joined and the window may show, beside this computer's own. */
  let joined: string | null = null
  /** Where this computer's server was last: the window follows it only if that changed. */
  let served: string | null = null

  /** Starts, or restarts, this computer's server (its process may have died); the first start is shown by the caller. */
  const startServer = async (lan: boolean): Promise<void> => {
    const session = await deps.host.start(lan)
    await deps.rememberPort(session.port).catch(() => undefined)
    const moved = served !== null && served !== session.origin
    served = session.origin
    if (moved) await deps.show(session.appUrl)
  }

  return {
    startServer,
    joined: (): string | null => joined,
    hostStatus: (): HostStatus => deps.host.status(),
    host: async (payload: unknown): Promise<HostAnswer> => {
      const request = parseIpc('host', payload)
      if (!request) return { outcome: 'refused', reason: 'the request does not say whether to host' }
      try {
        await startServer(request.lan)
        return { outcome: 'done', status: deps.host.status() }
      } catch (error) {
        return { outcome: 'refused', reason: error instanceof Error ? error.message : String(error) }
      }
    },
    saveFile: (payload: unknown): Promise<SaveResult> => saveFile(payload, deps.save),
    recentServers: async (): Promise<RecentServer[]> => readRecentServers(await deps.readRecent()),
    /** Remembers the server a pasted link points to and shows it; false for anything that is not an http(s) address. */
    openServer: async (payload: unknown): Promise<boolean> => {
      const request = parseIpc('openServer', payload)
      const origin = request ? serverOrigin(request.link) : null
      if (!request || !origin) return false
      await deps.writeRecent(rememberServer(readRecentServers(await deps.readRecent()), origin, deps.now())).catch(() => undefined)
      joined = origin
      await deps.show(request.link)
      return true
    },
  }
}
export type DesktopApi = ReturnType<typeof desktopApi>
