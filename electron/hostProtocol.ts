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
    /** Where the window loads the app, with the local owner's token in the link. */
    appUrl: z.string().url(),
    /** The server's own address on this computer. */
    origin: z.string().url(),
    /** Where participants reach it (`http://<LAN address>:<port>`): invite links and join codes are built from it. Null when not hosting, or on no network. */
    lanOrigin: z.string().url().nullable(),
    /** The owner of every plan here, valid from this computer only: the person at the laptop. */
    localOwnerToken: z.string().min(1),
    /** What the server listens on. */
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
