import { z } from 'zod'

/** Where the window was when it last closed: kept in the user-data folder, read back through this schema. */
export const WindowState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean(),
})
export type WindowState = z.infer<typeof WindowState>

export interface Area {
  x: number
  y: number
  width: number
  height: number
}

/** How much of the window must be on a screen for its place to be kept: enough to grab its title bar. */
const VISIBLE = 100

/**
 * The window's place on this start: where it was, if the file reads and enough of it is on
 * one of today's screens (a projector unplugged since must not leave it off-screen); else
 * the default size, centred by the system. Never larger than the screen it lands on.
 */
export const restoreWindow = (saved: unknown, screens: readonly Area[], fallback: { width: number; height: number }): Partial<WindowState> & { width: number; height: number } => {
  const parsed = WindowState.safeParse(saved)
  if (!parsed.success) return fallback
  const state = parsed.data
  const screen = screens.find(
    (s) =>
      Math.min(state.x + state.width, s.x + s.width) - Math.max(state.x, s.x) >= VISIBLE &&
      Math.min(state.y + state.height, s.y + s.height) - Math.max(state.y, s.y) >= VISIBLE,
  )
  if (!screen) return { ...fallback, maximized: state.maximized }
  return { ...state, width: Math.min(state.width, screen.width), height: Math.min(state.height, screen.height) }
}
