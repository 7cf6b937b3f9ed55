import type { SyncState, SyncStatus } from './docSession.js'

/** Worst first: the plan reads as offline if any of its rooms is. */
const ORDER: SyncState[] = ['offline', 'loading', 'connecting', 'syncing', 'synced']

/**
 * One status for the rooms a plan view holds (the plan and its discussion): what waits for
 * the server is the sum of both, so a commenter offline sees their comments counted.
 */
export const combineStatuses = (statuses: SyncStatus[]): SyncStatus => ({
  state: ORDER.find((state) => statuses.some((s) => s.state === state)) ?? 'loading',
  pending: statuses.reduce((sum, s) => sum + s.pending, 0),
  closed: statuses.find((s) => s.closed)?.closed ?? null,
})
