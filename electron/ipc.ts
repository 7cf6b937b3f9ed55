import { z } from 'zod'

/**
 * Every message between the window and the main process, by channel, with its payload
 * schema. Both sides parse what they receive; anything else is dropped and logged. The
 * renderer imports this module too (it holds nothing but schemas).
 */
export const IPC = {
  /** Main asks the window to write pending edits to IndexedDB before it closes. */
  flushRequest: { channel: 'jointplan:flush-request', payload: z.object({ requestId: z.string().uuid() }).strict() },
  /** The window answers once every edit is stored. */
  flushDone: { channel: 'jointplan:flush-done', payload: z.object({ requestId: z.string().uuid(), ok: z.boolean() }).strict() },
  /** The window asks to save what it shows (the report, laid out by its print CSS) as a PDF file. */
  savePdf: {
    channel: 'jointplan:save-pdf',
    payload: z
      .object({
        // A name to offer in the save dialog, never a path: the person chooses where it goes.
        fileName: z.string().trim().min(1).max(120).regex(/^[^/\\:*?"<>|\p{Cc}]+\.pdf$/u, 'a file name ending in .pdf, without folders'),
      })
      .strict(),
  },
} as const

/** The main process's answer to `savePdf`; the window parses it as any other input. */
export const PdfResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), path: z.string() }),
  z.object({ outcome: z.literal('cancelled') }),
  z.object({ outcome: z.literal('refused'), reason: z.string() }),
])
export type PdfResult = z.infer<typeof PdfResult>

export type IpcName = keyof typeof IPC
export type IpcPayload<N extends IpcName> = z.output<(typeof IPC)[N]['payload']>

export const parseIpc = <N extends IpcName>(name: N, payload: unknown): IpcPayload<N> | null => {
  const parsed = IPC[name].payload.safeParse(payload)
  return parsed.success ? (parsed.data as IpcPayload<N>) : null
}
