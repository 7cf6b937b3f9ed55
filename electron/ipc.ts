import { z } from 'zod'

/**
 * Every message between the window and the main process, by channel, with its payload
 * schema. Both sides parse what they receive; anything else is dropped and logged.
 */
export const IPC = {
  /** Main asks the window to write pending edits to IndexedDB before it closes. */
  flushRequest: { channel: 'jointplan:flush-request', payload: z.object({ requestId: z.string().uuid() }).strict() },
  /** The window answers once every edit is stored. */
  flushDone: { channel: 'jointplan:flush-done', payload: z.object({ requestId: z.string().uuid(), ok: z.boolean() }).strict() },
} as const

export type IpcName = keyof typeof IPC
export type IpcPayload<N extends IpcName> = z.output<(typeof IPC)[N]['payload']>

export const parseIpc = <N extends IpcName>(name: N, payload: unknown): IpcPayload<N> | null => {
  const parsed = IPC[name].payload.safeParse(payload)
  return parsed.success ? (parsed.data as IpcPayload<N>) : null
}
