import { z } from 'zod'

/**
 * What the main process and the server's own process (a utility process, `hostProcess.ts`)
 * say to each other. Both sides parse what they receive.
 */
export const HostCommand = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('start'),
      dataDir: z.string().min(1),
      staticDir: z.string().min(1),
      lan: z.boolean(),
      /** The port the window's address used last time: kept, so the window's stored data (its origin's) stays its own. */
      port: z.number().int().min(0).max(65_535),
    })
    .strict(),
  z.object({ type: z.literal('stop') }).strict(),
])
export type HostCommand = z.infer<typeof HostCommand>

export const HostedSessionInfo = z
  .object({
    appUrl: z.string().url(),
    origin: z.string().url(),
    lanOrigin: z.string().url().nullable(),
    localOwnerToken: z.string().min(1),
    wsUrl: z.string().min(1),
    port: z.number().int().positive(),
  })
  .strict()
export type HostedSessionInfo = z.infer<typeof HostedSessionInfo>

export const HostEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), session: HostedSessionInfo }).strict(),
  /** Every room written out and checkpointed, the port free. */
  z.object({ type: z.literal('stopped') }).strict(),
  z.object({ type: z.literal('failed'), reason: z.string() }).strict(),
])
export type HostEvent = z.infer<typeof HostEvent>
