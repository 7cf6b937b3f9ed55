import { z } from 'zod'

/**
 * What each client announces through Yjs awareness: who they are and where they are in the
 * plan. Parsed like everything else, since any client can put anything there.
 */
export const Presence = z.object({
  user: z.object({
    name: z.string().trim().min(1).max(120),
    org: z.string().max(200).default(''),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  }),
  viewing: z.string().max(64).nullable().default(null),
  editing: z.string().max(64).nullable().default(null),
})
export type Presence = z.output<typeof Presence>

/** Colours with AA contrast against white text, one per person by a stable hash of their name. */
export const PRESENCE_COLORS = ['#b3261e', '#1d5fa8', '#1b6e3a', '#7b3fa0', '#8a5300', '#00696f', '#a4214f', '#4a5a0a'] as const

export const colorFor = (seed: string): string => {
  let hash = 0
  for (const char of seed) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length] ?? PRESENCE_COLORS[0]
}

export const readPresence = (states: Map<number, unknown>, self: number): { clientId: number; presence: Presence }[] => {
  const out: { clientId: number; presence: Presence }[] = []
  states.forEach((state, clientId) => {
    if (clientId === self) return
    const parsed = Presence.safeParse(state)
    if (parsed.success) out.push({ clientId, presence: parsed.data })
  })
  return out.sort((a, b) => a.presence.user.name.localeCompare(b.presence.user.name))
}
