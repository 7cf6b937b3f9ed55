import type { Segment } from '../../../shared/index.js'
import { newId } from '../../../shared/index.js'

/**
 * The agenda as a facilitator types it, one segment a line: minutes, then the title
 * ("20 Recommendations by area"). Blank lines are skipped; the first line that is not
 * of that form is reported by its number. A segment keeps the id of the one it replaces
 * (`previous`, by position), so that changing a running agenda keeps its segments.
 */
export const parseAgenda = (text: string, previous: readonly Segment[] = []): { ok: true; segments: Segment[] } | { ok: false; line: number } => {
  const segments: Segment[] = []
  const lines = text.split('\n')
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim()
    if (!line) continue
    const match = /^(\d{1,3})\s*(?:min\.?|minutes?)?\s+(.+)$/i.exec(line)
    const minutes = Number(match?.[1])
    if (!match?.[2] || minutes < 1 || minutes > 480) return { ok: false, line: i + 1 }
    segments.push({ id: previous[segments.length]?.id ?? newId(), title: match[2].trim().slice(0, 200), minutes })
  }
  return { ok: true, segments }
}

/** The agenda as `parseAgenda` reads it back. */
export const formatAgenda = (segments: readonly Segment[]): string => segments.map((s) => `${s.minutes} ${s.title}`).join('\n')
