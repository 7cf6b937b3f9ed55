import type { Room } from '../shared/rooms.js'

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

interface Bucket {
  tokens: number
  at: number
}

/** Buckets idle this long are full again and are forgotten, so the map stays bounded by recent peers. */
const BUCKET_IDLE_MS = 60_000

/**
 * Limits per identity and per address, so that one invite or one machine on the workshop
 * network cannot take every connection or room of the server. A hold is taken at the
 * upgrade and given back when the connection closes (or the upgrade fails).
 */
export class UpgradeLimits {
  private readonly perToken = new Map<string, { connections: number; rooms: Map<string, number> }>()
  private readonly notesPerPlan = new Map<string, Map<string, number>>()
  private readonly buckets = new Map<string, Bucket>()
  private lastSweep = 0

  constructor(private readonly options: UpgradeLimitOptions) {}

  /** Spends one upgrade attempt of `address`; a refusal when its bucket is empty. */
  attempt(address: string, loopback: boolean, now = Date.now()): Refusal | null {
    if (loopback && !this.options.rateLimitLoopback) return null
    this.sweep(now)
    const rate = this.options.upgradesPerAddressPerSecond
    const burst = this.options.upgradeBurstPerAddress
    const bucket = this.buckets.get(address) ?? { tokens: burst, at: now }
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate)
    bucket.at = now
    this.buckets.set(address, bucket)
    if (bucket.tokens < 1) return { status: 429, reason: `too many connection attempts from this address; at most ${rate} a second`, label: 'rate' }
    bucket.tokens -= 1
    return null
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

  private sweep(now: number): void {
    if (now - this.lastSweep < BUCKET_IDLE_MS) return
    this.lastSweep = now
    for (const [address, bucket] of this.buckets) if (now - bucket.at > BUCKET_IDLE_MS) this.buckets.delete(address)
  }
}

const decrement = (counts: Map<string, number>, key: string): void => {
  const n = (counts.get(key) ?? 0) - 1
  if (n <= 0) counts.delete(key)
  else counts.set(key, n)
}
