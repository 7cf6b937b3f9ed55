import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { summarizeUpdate, type ClientDeletes, type ClockNeed, type ClockRange, type UpdateSummary } from './compaction/updateSummary.mjs'
import type { DocBytes } from './storage/UpdateLog.js'

/** One client's deleted clock ranges, sorted by clock, adjacent ranges merged. */
type Ranges = { clock: number; len: number }[]

/** An incoming update, decoded once: the checks, the bookkeeping and the plan list all read it. */
export interface ParsedUpdate {
  bytes: Uint8Array
  ranges: ClockRange[]
  deletes: ClientDeletes[]
  needs: ClockNeed[]
  /** Its structs, when it was decoded on this thread; a large one is read by the compaction process. */
  structs: UpdateSummary['structs'] | null
}

/** Throws on anything that is not a well-formed Yjs v1 update. */
export const parseUpdate = (bytes: Uint8Array): ParsedUpdate => ({ bytes, ...summarizeUpdate(bytes) })

const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc())

const writeStateVector = (clocks: Map<number, number>): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, clocks.size)
  for (const [client, clock] of clocks) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, clock)
  }
  return encoding.toUint8Array(encoder)
}

/** Index of the last range starting at or before `clock`, or -1. */
const rangeAtOrBefore = (ranges: Ranges, clock: number): number => {
  let lo = 0
  let hi = ranges.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (ranges[mid]!.clock <= clock) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

const covers = (ranges: Ranges, clock: number, len: number): boolean => {
  const i = rangeAtOrBefore(ranges, clock)
  return i >= 0 && ranges[i]!.clock + ranges[i]!.len >= clock + len
}

const insertRange = (ranges: Ranges, clock: number, len: number): void => {
  let start = clock
  let end = clock + len
  let i = rangeAtOrBefore(ranges, clock)
  if (i >= 0 && ranges[i]!.clock + ranges[i]!.len >= start) {
    start = ranges[i]!.clock
    end = Math.max(end, ranges[i]!.clock + ranges[i]!.len)
  } else i++
  let j = i
  while (j < ranges.length && ranges[j]!.clock <= end) {
    end = Math.max(end, ranges[j]!.clock + ranges[j]!.len)
    j++
  }
  ranges.splice(i, j - i, { clock: start, len: end - start })
}

/**
 * A room's doc held as Yjs update bytes instead of a Y.Doc. A 5,000-action plan is 1.5 MB
 * as bytes and 30 MB or more as a Y.Doc, and the server never needs to read the plan: it
 * needs to tell what an update adds, what a client lacks, and to send it.
 *
 * The base is the last compaction's merged, garbage-collected state; updates since then
 * are kept as they came. The clocks and deleted ranges of everything held are kept up to
 * date per update, so that a duplicate (or a reader's sync reply, which always repeats its
 * deletions) is recognised without touching the base. Merging the base with new updates
 * means decoding all of it, which is the compactor's job, off this thread.
 */
export class DocState {
  private base: DocBytes
  private baseClocks: Map<number, number>
  private pending: Uint8Array[] = []
  private mergedPending: Uint8Array | null = null
  private readonly clocks: Map<number, number>
  private readonly deleted = new Map<number, Ranges>()
  /**
   * Struct ranges that arrived before the structs they follow (out of order, from different
   * senders): held, not counted in the clocks, until the gap before them is filled.
   */
  private readonly ahead: ClockRange[] = []

  constructor(checkpoint: DocBytes | null) {
    this.base = checkpoint ?? { state: EMPTY_UPDATE, stateVector: writeStateVector(new Map()), deletes: EMPTY_UPDATE }
    this.baseClocks = Y.decodeStateVector(this.base.stateVector)
    this.clocks = new Map(this.baseClocks)
    for (const [client, ranges] of parseUpdate(this.base.deletes).deletes) for (const [clock, len] of ranges) this.noteDeleted(client, clock, len)
  }

  get pendingCount(): number {
    return this.pending.length
  }

  /** Whether `update` holds any struct or deletion this doc does not have yet. */
  adds(update: ParsedUpdate): boolean {
    for (const [client, from, to] of update.ranges) {
      if (to <= (this.clocks.get(client) ?? 0)) continue
      if (!this.ahead.some(([c, f, t]) => c === client && f <= from && t >= to)) return true
    }
    for (const [client, ranges] of update.deletes) {
      const known = this.deleted.get(client)
      for (const [clock, len] of ranges) if (!known || !covers(known, clock, len)) return true
    }
    return false
  }

  /**
   * Whether this doc, with `update` added, holds everything the update refers to. An update
   * that refers to structs the room lacks would stay pending in every client that syncs the
   * room, never applied: it is not taken until what it needs has arrived.
   */
  complete(update: ParsedUpdate): boolean {
    const reach = new Map<number, number>()
    for (const [client, from, to] of [...update.ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
      const have = reach.get(client) ?? this.clocks.get(client) ?? 0
      if (from > have) return false
      reach.set(client, Math.max(have, to))
    }
    return update.needs.every(([client, clock]) => clock <= (reach.get(client) ?? this.clocks.get(client) ?? 0))
  }

  /** Counts what `update` holds as known, as soon as it is accepted, so that a repeat is recognised. */
  note(update: ParsedUpdate): void {
    for (const range of update.ranges) this.extend(range)
    for (const [client, ranges] of update.deletes) for (const [clock, len] of ranges) this.noteDeleted(client, clock, len)
  }

  /** Keeps an update once it is in the log: only then is it sent to clients that join. */
  keep(bytes: Uint8Array): void {
    this.pending.push(bytes)
    this.mergedPending = null
  }

  stateVector(): Uint8Array {
    return writeStateVector(this.clocks)
  }

  /**
   * What a client with `stateVector` lacks, as updates to send in order: the updates since
   * the base first, then the base (or its part the client lacks). A client that applies the
   * later updates first holds them until the base arrives, so the last one, sent as sync
   * step 2, leaves it with everything.
   */
  missingFor(stateVector: Uint8Array): Uint8Array[] {
    const theirs = Y.decodeStateVector(stateVector)
    const later = this.pending.length === 0 ? [] : [theirs.size === 0 ? this.laterUpdates() : Y.diffUpdate(this.laterUpdates(), stateVector)]
    if (theirs.size === 0) return [...later, this.base.state]
    const hasAllBaseStructs = [...this.baseClocks].every(([client, clock]) => (theirs.get(client) ?? 0) >= clock)
    // A reconnecting client usually holds every struct of the base; it still needs its deletions.
    return [...later, hasAllBaseStructs ? this.base.deletes : Y.diffUpdate(this.base.state, stateVector)]
  }

  /** The base and the updates since, for the compactor; `compacted` later replaces exactly these. */
  parts(): { parts: Uint8Array[]; upTo: number } {
    return { parts: [this.base.state, ...this.pending], upTo: this.pending.length }
  }

  /** Takes a compaction of the base and the first `upTo` updates since as the new base. */
  compacted(checkpoint: DocBytes, upTo: number): void {
    this.base = checkpoint
    this.baseClocks = Y.decodeStateVector(checkpoint.stateVector)
    const rest = this.pending.slice(upTo)
    this.pending = []
    this.mergedPending = null
    for (const update of rest) this.keep(update)
  }

  private laterUpdates(): Uint8Array {
    this.mergedPending ??= this.pending.length === 1 ? this.pending[0]! : Y.mergeUpdates(this.pending)
    return this.mergedPending
  }

  private extend(range: ClockRange): void {
    const [client, from, to] = range
    let have = this.clocks.get(client) ?? 0
    if (from > have) return void this.ahead.push(range)
    if (to <= have) return
    have = to
    // The gap before ranges held back may now be filled.
    const fits = ([c, f]: ClockRange) => c === client && f <= have
    for (let i = this.ahead.findIndex(fits); i >= 0; i = this.ahead.findIndex(fits)) {
      have = Math.max(have, this.ahead[i]![2])
      this.ahead.splice(i, 1)
    }
    this.clocks.set(client, have)
  }

  private noteDeleted(client: number, clock: number, len: number): void {
    let ranges = this.deleted.get(client)
    if (!ranges) this.deleted.set(client, (ranges = []))
    if (!covers(ranges, clock, len)) insertRange(ranges, clock, len)
  }
}
