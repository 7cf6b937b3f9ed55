import { z } from 'zod'

/** A name to offer in a save dialog, never a path: the person chooses where it goes. */
const fileName = (extensions: readonly string[]) =>
  z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(new RegExp(`^[^/\\\\:*?"<>|\\p{Cc}]+\\.(${extensions.join('|')})$`, 'u'), `a file name ending in .${extensions.join(', .')}, without folders`)

/** What the app exports: spreadsheets, calendars, copies of a plan. */
export const SAVED_EXTENSIONS = ['csv', 'xlsx', 'ics', 'json'] as const
/** Larger than any plan's export; a bigger payload is refused before a dialog opens. */
const MAX_SAVED_BYTES = 64 * 1024 * 1024

const none = z.object({}).strict()

/**
 * Every message between the window and the main process, by channel, with its payload
 * schema. Both sides parse what they receive; anything else is dropped. The renderer
 * imports this module too (it holds nothing but schemas).
 */
export const IPC = {
  /** Main asks the window to write pending edits to IndexedDB before it closes. */
  flushRequest: { channel: 'jointplan:flush-request', payload: z.object({ requestId: z.string().uuid() }).strict() },
  /** The window answers once every edit is stored. */
  flushDone: { channel: 'jointplan:flush-done', payload: z.object({ requestId: z.string().uuid(), ok: z.boolean() }).strict() },
  /** The window asks to save what it shows (the report, laid out by its print CSS) as a PDF file. */
  savePdf: { channel: 'jointplan:save-pdf', payload: z.object({ fileName: fileName(['pdf']) }).strict() },
  /** The window hands over an export's bytes; the person chooses where they go. */
  saveFile: { channel: 'jointplan:save-file', payload: z.object({ fileName: fileName(SAVED_EXTENSIONS), bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_SAVED_BYTES, 'at most 64 MB') }).strict() },
  /** Open this computer's server to the room's network (a workshop), or close it again. */
  host: { channel: 'jointplan:host', payload: z.object({ lan: z.boolean() }).strict() },
  hostStatus: { channel: 'jointplan:host-status', payload: none },
  /** Show another JointPlan server (a link or join address someone gave) in the window, and remember it. */
  openServer: { channel: 'jointplan:open-server', payload: z.object({ link: z.string().trim().min(1).max(2_000) }).strict() },
  recentServers: { channel: 'jointplan:recent-servers', payload: none },
} as const

/** The main process's answer to a save; the window parses it as any other input. */
export const SaveResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), path: z.string() }),
  z.object({ outcome: z.literal('cancelled') }),
  z.object({ outcome: z.literal('refused'), reason: z.string() }),
])
export type SaveResult = z.infer<typeof SaveResult>

/** Whether this computer's server is open to the room's network, and at which address. */
export const HostStatus = z.object({ hosting: z.boolean(), lanOrigin: z.string().url().nullable() }).strict()
export type HostStatus = z.infer<typeof HostStatus>

export const HostAnswer = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('done'), status: HostStatus }),
  z.object({ outcome: z.literal('refused'), reason: z.string() }),
])
export type HostAnswer = z.infer<typeof HostAnswer>

/** A server this computer showed before, newest first. */
export const RecentServer = z.object({ origin: z.string().url(), lastUsed: z.string().datetime() }).strict()
export type RecentServer = z.infer<typeof RecentServer>
export const RecentServers = z.array(RecentServer).max(50)

export type IpcName = keyof typeof IPC
export type IpcPayload<N extends IpcName> = z.output<(typeof IPC)[N]['payload']>

export const parseIpc = <N extends IpcName>(name: N, payload: unknown): IpcPayload<N> | null => {
  const parsed = IPC[name].payload.safeParse(payload)
  return parsed.success ? (parsed.data as IpcPayload<N>) : null
}
