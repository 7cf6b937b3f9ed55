import type { SaveResult } from '../../electron/ipc.js'
import { saveFileOnDesktop } from '../desktop.js'

/**
 * Hands a file to the desktop app's save dialog, or, in a browser, to its download. The
 * desktop's answer says where it went (or why not); a browser's is null: it keeps that to itself.
 */
export const download = async (name: string, body: BlobPart, type: string): Promise<SaveResult | null> => {
  const blob = new Blob([body], { type })
  if (window.jointplanDesktop) return saveFileOnDesktop(name, new Uint8Array(await blob.arrayBuffer()))
  const link = document.createElement('a')
  link.href = URL.createObjectURL(blob)
  link.download = name
  link.click()
  URL.revokeObjectURL(link.href)
  return null
}
