import ical from 'ical-generator'
import type { PlanView } from '../read.js'
import { localize } from '../translations.js'

/**
 * Due dates as an iCalendar file: one all-day event per action with a due date, with a
 * stable UID (the action's id), so that importing a newer export updates the events
 * instead of adding copies.
 */
export const dueDatesCalendar = (plan: PlanView, language: string, describe: (action: PlanView['actions'][number]) => string): string => {
  const calendar = ical({ name: localize(plan.meta, 'title', language, plan.meta.language).text, prodId: { company: 'JointPlan', product: 'JointPlan', language: 'EN' } })
  for (const action of plan.actions) {
    if (!action.due) continue
    const day = new Date(`${action.due}T00:00:00Z`)
    calendar.createEvent({
      id: `${action.id}@jointplan`,
      start: day,
      end: new Date(day.getTime() + 86_400_000),
      allDay: true,
      summary: localize(action, 'title', language, plan.meta.language).text,
      description: describe(action),
    })
  }
  return calendar.toString()
}
