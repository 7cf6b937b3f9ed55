/** The list of plans a server holds, kept beside the log so that listing plans loads no doc. */
export interface PlanSummary {
  id: string
  title: string
  deleted: boolean
  updatedAt: number
}

export interface PlanDirectory {
  savePlan(summary: PlanSummary): Promise<void>
  /** Refreshes a listed plan's last change; a plan not listed yet is left for its first `savePlan`. */
  touchPlan(id: string, updatedAt: number): Promise<void>
  listPlans(): Promise<PlanSummary[]>
}
