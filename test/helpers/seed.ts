import * as Y from 'yjs'
import { ACTION_STATUSES, addAction, addStakeholder, createPlan, STAKEHOLDER_KINDS } from '../../shared/index.js'

const COUNTRIES = ['KH', 'ID', 'VN', 'PH', 'TH', 'JP'] as const
const TOPICS = ['helpdesk', 'recruitment fees', 'pre-departure training', 'labour inspection', 'legal aid', 'interpretation', 'complaint referral', 'employer guidance']

/**
 * A realistic large plan, written through the shared commands: four areas, forty
 * organizations, and `actions` actions with owners, countries, statuses and due dates.
 * Deterministic, so a failure can be replayed.
 */
export const seedLargePlan = (actions: number, doc = new Y.Doc()): { doc: Y.Doc; areaIds: string[] } => {
  let n = 0
  const newId = () => `s${(n++).toString(36)}`
  const created = createPlan(doc, { title: `Large plan (${actions} actions)` }, { newId })
  if (!created.ok) throw new Error(created.error.message)
  const areaIds = created.value.areaIds
  const stakeholders: string[] = []
  for (let i = 0; i < 40; i++) {
    const r = addStakeholder(doc, { name: `Organization ${i}`, kind: STAKEHOLDER_KINDS[i % STAKEHOLDER_KINDS.length]!, country: COUNTRIES[i % COUNTRIES.length]! }, { newId })
    if (r.ok) stakeholders.push(r.value.id)
  }
  doc.transact(() => {
    for (let i = 0; i < actions; i++) {
      const month = String((i % 12) + 1).padStart(2, '0')
      const result = addAction(
        doc,
        {
          areaId: areaIds[i % areaIds.length]!,
          title: `Action ${i}: ${TOPICS[i % TOPICS.length]} in ${COUNTRIES[i % COUNTRIES.length]}`,
          status: ACTION_STATUSES[i % ACTION_STATUSES.length]!,
          progress: (i * 7) % 101,
          owners: [stakeholders[i % stakeholders.length]!],
          partners: [stakeholders[(i * 3) % stakeholders.length]!],
          countries: [COUNTRIES[i % COUNTRIES.length]!],
          due: `${2026 + (i % 3)}-${month}-15`,
          origin: i % 2 ? 'existing' : 'proposed',
        },
        { newId },
      )
      if (!result.ok) throw new Error(result.error.message)
    }
  })
  return { doc, areaIds }
}
