import { describe, expect, it } from 'vitest'
import { formatDate, formatPercent, formatDay, formatMoment } from '../../renderer/format.js'

describe('dates as the reader writes them', () => {
  it('shows a due date as the day it was set, in the reader language', () => {
    expect(formatDay('2026-01-15', 'en')).toBe('Jan 15, 2026')
    expect(formatDay('2026-01-15', 'ja')).toBe('2026/01/15')
    expect(formatDay('2026-01-15', 'vi')).toMatch(/15.*2026/)
  })

  it('keeps one formatter per language and style apart', () => {
    const at = new Date('2026-03-04T09:30:00').getTime()
    expect(formatDate(at, 'en')).toBe('Mar 4, 2026')
    expect(formatMoment(at, 'en')).toMatch(/^Mar 4, 2026,? 9:30\sAM$/u)
    expect(formatDate(at, 'th')).not.toBe(formatDate(at, 'en'))
    // Asked again after other languages: still English, still without the time.
    expect(formatDate(at, 'en')).toBe('Mar 4, 2026')
  })

  it('writes a percentage as the reader’s language does', () => {
    expect(formatPercent(45, 'en')).toBe('45%')
    expect(formatPercent(100, 'en')).toBe('100%')
    // Indonesian and Vietnamese put no space; French-style locales would; the number is the same.
    expect(formatPercent(45, 'vi')).toMatch(/^45\s?%$/u)
  })
})
