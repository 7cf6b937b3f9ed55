import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'

/** y-protocols' message types, so that the stock y-websocket client talks to us unmodified. */
export enum MessageType {
  Sync = 0,
  Awareness = 1,
  /** Reserved for access control: the server answers writes it refuses with permission-denied. */
  Auth = 2,
  QueryAwareness = 3,
}

export enum SyncType {
  Step1 = syncProtocol.messageYjsSyncStep1,
  Step2 = syncProtocol.messageYjsSyncStep2,
  Update = syncProtocol.messageYjsUpdate,
}

/**
 * Close codes. y-websocket stops reconnecting on 4400-4499, which is right for a client
 * that sent something it will send again; 1011/1013 let it come back later.
 */
export const CloseCode = {
  goingAway: 1001,
  tooLarge: 1009,
  internalError: 1011,
  /** A socket that does not read what it is sent; the client may reconnect. */
  tryAgainLater: 1013,
  malformed: 4400,
  unresponsive: 4408,
  revoked: 4401,
} as const

// The server holds update bytes, not a Y.Doc, so it writes sync frames from bytes.
const syncFrame = (type: SyncType, payload: Uint8Array): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, type)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

export const syncStep1Frame = (stateVector: Uint8Array): Uint8Array => syncFrame(SyncType.Step1, stateVector)

export const syncStep2Frame = (update: Uint8Array): Uint8Array => syncFrame(SyncType.Step2, update)

export const updateFrame = (update: Uint8Array): Uint8Array => syncFrame(SyncType.Update, update)

export const awarenessFrame = (awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Awareness)
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
  return encoding.toUint8Array(encoder)
}
