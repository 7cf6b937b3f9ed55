import type { Segment } from '../../../shared/index.js'
import { newId } from '../../../shared/index.js'

/**
 * The agenda as a facilitator types it, one segment a line: minutes, then the title
 * ("20 Recommendations by area"). Blank lines are skipped; the first line that is not
 * of that form is reported by its number.
 */
export const parseAgenda = (text: string): { ok: true; segments: Segment[] } | { ok: false; line: number } => {
  const segments: Segment[] = []
  const lines = text.split('\n')
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim()
    if (!line) continue
    const match = /^(\d{1,3})\s*(?:min\.?|minutes?)?\s+(.+)$/i.exec(line)
    const minutes = Number(match?.[1])
    if (!match?.[2] || minutes < 1 || minutes > 480) return { ok: false, line: i + 1 }
    segments.push({ id: newId(), title: match[2].trim().slice(0, 200), minutes })
  }
  return { ok: true, segments }
}
