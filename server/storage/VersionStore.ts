import type { Version } from '../../shared/versions.js'

/** Versions adopted in each plan: named points in its log, never changed once written. */
export interface VersionStore {
  saveVersion(version: Version): Promise<void>
  listVersions(planId: string): Promise<Version[]>
  getVersion(id: string): Promise<Version | null>
}
