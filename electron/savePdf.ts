import { parseIpc, type PdfResult } from './ipc.js'

/** A4 as the report's print CSS expects, with its colours (status badges, verdicts). */
export const PDF_OPTIONS = { printBackground: true, pageSize: 'A4' } as const

export interface PdfDeps {
  /** Chromium's print of the window as it is now, laid out by its print CSS. */
  print: () => Promise<Uint8Array>
  /** The save dialog, offering `suggested`: the chosen path, or null when the person cancels. */
  choosePath: (suggested: string) => Promise<string | null>
  write: (path: string, bytes: Uint8Array) => Promise<void>
}

/**
 * The desktop app's "Save as PDF": the window names the file, the person chooses where it
 * goes, and Chromium prints the page. The path is never the window's to give, so a page
 * cannot write anywhere on the disk.
 */
export const savePdf = async (payload: unknown, deps: PdfDeps): Promise<PdfResult> => {
  const request = parseIpc('savePdf', payload)
  if (!request) return { outcome: 'refused', reason: 'the request does not name a PDF file' }
  const chosen = await deps.choosePath(request.fileName)
  if (chosen === null) return { outcome: 'cancelled' }
  const path = /\.pdf$/i.test(chosen) ? chosen : `${chosen}.pdf`
  try {
    await deps.write(path, await deps.print())
  } catch (error) {
    return { outcome: 'refused', reason: error instanceof Error ? error.message : String(error) }
  }
  return { outcome: 'saved', path }
}
