/** Calendar dates as ISO strings (YYYY-MM-DD): they compare correctly as strings. */
export type IsoDay = string

export const isoDay = (date: Date): IsoDay => date.toISOString().slice(0, 10)

export const addDays = (day: IsoDay, days: number): IsoDay => {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return isoDay(date)
}
