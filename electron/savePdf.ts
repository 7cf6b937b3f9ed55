import { parseIpc, type SaveResult } from './ipc.js'
import { saveBytes, type SaveDeps } from './saveFile.js'

/** A4 as the report's print CSS expects, with its colours (status badges, verdicts). */
export const PDF_OPTIONS = { printBackground: true, pageSize: 'A4' } as const

export interface PdfDeps extends SaveDeps {
  /** Chromium's print of the window as it is now, laid out by its print CSS. */
  print: () => Promise<Uint8Array>
}

/** The desktop app's "Save as PDF": the window names the file, the person chooses where it goes, and Chromium prints the page. */
export const savePdf = async (payload: unknown, deps: PdfDeps): Promise<SaveResult> => {
  const request = parseIpc('savePdf', payload)
  if (!request) return { outcome: 'refused', reason: 'the request does not name a PDF file' }
  return saveBytes(request.fileName, deps.print, deps)
}
