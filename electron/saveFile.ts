import { parseIpc, type SaveResult } from './ipc.js'

export interface SaveDeps {
  /** The save dialog, offering `suggested`: the chosen path, or null when the person cancels. */
  choosePath: (suggested: string) => Promise<string | null>
  write: (path: string, bytes: Uint8Array) => Promise<void>
}

/**
 * Writes bytes where the person chose, under the extension the window named. The path is
 * never the window's to give, so a page cannot write anywhere on the disk.
 */
export const saveBytes = async (fileName: string, bytes: () => Promise<Uint8Array>, deps: SaveDeps): Promise<SaveResult> => {
  const chosen = await deps.choosePath(fileName)
  if (chosen === null) return { outcome: 'cancelled' }
  const extension = fileName.slice(fileName.lastIndexOf('.'))
  const path = chosen.toLowerCase().endsWith(extension.toLowerCase()) ? chosen : `${chosen}${extension}`
  try {
    await deps.write(path, await bytes())
  } catch (error) {
    return { outcome: 'refused', reason: error instanceof Error ? error.message : String(error) }
  }
  return { outcome: 'saved', path }
}

/** The desktop app's save of an export (CSV, Excel, calendar, a plan's copy). */
export const saveFile = async (payload: unknown, deps: SaveDeps): Promise<SaveResult> => {
  const request = parseIpc('saveFile', payload)
  if (!request) return { outcome: 'refused', reason: 'the request does not name an export file with its contents' }
  return saveBytes(request.fileName, () => Promise.resolve(request.bytes), deps)
}
