import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Identity } from '../shared/access.js'
import { colorFor } from '../shared/presence.js'

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Presence says who someone is, so the server writes the names: wherever a state carries
 * a person (`user`, as the app announces it, or the top-level `name` of a description's
 * cursor), the name and organization become the invite's.
 */
const stamped = (state: unknown, identity: Identity): unknown => {
  if (!isRecord(state)) return state
  const out: Record<string, unknown> = { ...state }
  if ('user' in out) {
    const user = isRecord(out.user) ? out.user : {}
    const color = typeof user.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(user.color) ? user.color : colorFor(identity.name)
    out.user = { ...user, name: identity.name, org: identity.org, color }
  }
  if (typeof out.name === 'string') out.name = identity.name
  return out
}

/**
 * An awareness update as this socket may send it: only entries for client ids it may
 * announce (`mayAnnounce`: its own, never another socket's), with names from its invite.
 * Null when nothing is left. Throws on bytes that are not an awareness update.
 */
export const guardPresence = (payload: Uint8Array, identity: Identity, mayAnnounce: (clientId: number) => boolean): Uint8Array | null => {
  const decoder = decoding.createDecoder(payload)
  const count = decoding.readVarUint(decoder)
  const kept: [number, number, string][] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const state: unknown = JSON.parse(decoding.readVarString(decoder))
    if (mayAnnounce(clientId)) kept.push([clientId, clock, JSON.stringify(stamped(state, identity))])
  }
  if (kept.length === 0) return null
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, kept.length)
  for (const [clientId, clock, state] of kept) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, state)
  }
  return encoding.toUint8Array(encoder)
}
