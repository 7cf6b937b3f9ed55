import * as encoding from 'lib0/encoding'

/** A y-websocket frame as a forged client would write it: message type, optional sub-type, payload. */
export const frame = (type: number, payload: Uint8Array, sub?: number): Uint8Array => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, type)
  if (sub !== undefined) encoding.writeVarUint(e, sub)
  encoding.writeVarUint8Array(e, payload)
  return encoding.toUint8Array(e)
}

/** The sync message types of y-protocols: 0 state vector, 1 the answer to it, 2 an update. */
export const SYNC_STEP_2 = 1
export const SYNC_UPDATE = 2

/** An awareness update announcing `state` for `clientId`, as y-protocols encodes it. */
export const awarenessPayload = (clientId: number, clock: number, state: unknown): Uint8Array => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint(e, clientId)
  encoding.writeVarUint(e, clock)
  encoding.writeVarString(e, JSON.stringify(state))
  return encoding.toUint8Array(e)
}
