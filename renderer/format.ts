/**
 * Dates as the reader's language writes them. `toLocaleDateString(lang, options)` builds a
 * new ICU formatter on every call (~0.15 ms in Chromium, 75 times the formatting itself):
 * a table or board showing a hundred dates spent most of a render on it. One formatter per
 * language and style is built once and reused.
 */
const STYLES = {
  day: { dateStyle: 'medium' },
  moment: { dateStyle: 'medium', timeStyle: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>

const formatters = new Map<string, Intl.DateTimeFormat>()

const formatter = (language: string, style: keyof typeof STYLES): Intl.DateTimeFormat => {
  const key = `${style} ${language}`
  let found = formatters.get(key)
  if (!found) {
    found = new Intl.DateTimeFormat(language, STYLES[style])
    formatters.set(key, found)
  }
  return found
}

/** A calendar day (`YYYY-MM-DD`, as due dates are stored) in the reader's time zone. */
export const formatDay = (isoDay: string, language: string): string => formatter(language, 'day').format(new Date(`${isoDay}T00:00:00`))

/** The day of a moment (epoch milliseconds or an ISO timestamp). */
export const formatDate = (at: number | string, language: string): string => formatter(language, 'day').format(new Date(at))

/** A moment, with its time of day: when something was changed or said. */
export const formatMoment = (at: number | string, language: string): string => formatter(language, 'moment').format(new Date(at))

const percents = new Map<string, Intl.NumberFormat>()

/** A whole percentage (0-100, as progress is stored) as the reader's language writes it: "45%", "45 %", "٤٥٪". */
export const formatPercent = (value: number, language: string): string => {
  let found = percents.get(language)
  if (!found) percents.set(language, (found = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 })))
  return found.format(value / 100)
}
