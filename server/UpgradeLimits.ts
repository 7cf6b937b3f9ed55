import type { Room } from '../shared/rooms.js'
import { RateBuckets } from './RateBuckets.js'

export interface UpgradeLimitOptions {
  maxConnectionsPerToken: number
  maxRoomsPerToken: number
  maxNoteRoomsPerPlan: number
  upgradesPerAddressPerSecond: number
  upgradeBurstPerAddress: number
  rateLimitLoopback: boolean
}

/** Why an upgrade is refused, with the HTTP status and a reason a person can act on. */
export interface Refusal {
  status: 429 | 503
  reason: string
  label: string
}

/**
 * Limits per identity and per address, so that one invite or one machine on the workshop
 * network cannot take every connection or room of the server. A hold is taken at the
 * upgrade and given back when the connection closes (or the upgrade fails).
 */
export class UpgradeLimits {
  private readonly perToken = new Map<string, { connections: number; rooms: Map<string, number> }>()
  private readonly notesPerPlan = new Map<string, Map<string, number>>()
  private readonly attempts: RateBuckets

  constructor(private readonly options: UpgradeLimitOptions) {
    this.attempts = new RateBuckets(options.upgradesPerAddressPerSecond, options.upgradeBurstPerAddress)
  }

  /** Spends one upgrade attempt of `address`; a refusal when its bucket is empty. */
  attempt(address: string, loopback: boolean): Refusal | null {
    if (loopback && !this.options.rateLimitLoopback) return null
    if (this.attempts.take(address)) return null
    return { status: 429, reason: `too many connection attempts from this address; at most ${this.options.upgradesPerAddressPerSecond} a second`, label: 'rate' }
  }

  /** Takes a connection of `tokenId` in `room`, or says why not. */
  hold(tokenId: string, room: Room): Refusal | null {
    const mine = this.perToken.get(tokenId) ?? { connections: 0, rooms: new Map<string, number>() }
    if (mine.connections >= this.options.maxConnectionsPerToken) {
      return { status: 503, reason: `this invite holds its limit of ${this.options.maxConnectionsPerToken} connections`, label: 'token-connections' }
    }
    if (!mine.rooms.has(room.name) && mine.rooms.size >= this.options.maxRoomsPerToken) {
      return { status: 503, reason: `this invite holds its limit of ${this.options.maxRoomsPerToken} open rooms`, label: 'token-rooms' }
    }
    const notes = this.notesPerPlan.get(room.planId) ?? new Map<string, number>()
    if (room.kind === 'note' && !notes.has(room.name) && notes.size >= this.options.maxNoteRoomsPerPlan) {
      return { status: 503, reason: `this plan holds its limit of ${this.options.maxNoteRoomsPerPlan} open notes`, label: 'plan-notes' }
    }
    mine.connections++
    mine.rooms.set(room.name, (mine.rooms.get(room.name) ?? 0) + 1)
    this.perToken.set(tokenId, mine)
    if (room.kind === 'note') {
      notes.set(room.name, (notes.get(room.name) ?? 0) + 1)
      this.notesPerPlan.set(room.planId, notes)
    }
    return null
  }

  release(tokenId: string, room: Room): void {
    const mine = this.perToken.get(tokenId)
    if (mine) {
      mine.connections--
      decrement(mine.rooms, room.name)
      if (mine.connections <= 0) this.perToken.delete(tokenId)
    }
    const notes = this.notesPerPlan.get(room.planId)
    if (room.kind === 'note' && notes) {
      decrement(notes, room.name)
      if (notes.size === 0) this.notesPerPlan.delete(room.planId)
    }
  }
}

const decrement = (counts: Map<string, number>, key: string): void => {
  const n = (counts.get(key) ?? 0) - 1
  if (n <= 0) counts.delete(key)
  else counts.set(key, n)
}
