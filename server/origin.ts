import type { Connection } from './Connection.js'

/** Where a change to a room's doc came from, so fan-out can skip the sender and loading can skip the log. */
export type RoomOrigin = { source: 'connection'; connection: Connection } | { source: 'storage' }

export const STORAGE_ORIGIN: RoomOrigin = { source: 'storage' }

export const isRoomOrigin = (value: unknown): value is RoomOrigin =>
  typeof value === 'object' && value !== null && 'source' in value &&
  (value.source === 'connection' || value.source === 'storage')
