import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { writePermissionDenied } from 'y-protocols/auth'
import { applyAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { WebSocket } from 'ws'
import type { Identity } from '../shared/access.js'
import type { Logger } from './logger.js'
import type { Metrics } from './metrics.js'
import type { RoomOrigin } from './origin.js'
import { awarenessFrame, CloseCode, MessageType, SyncType, syncStep1Frame, syncStep2Frame } from './protocol.js'
import type { Room } from './Room.js'

export interface ConnectionDeps {
  metrics: Metrics
  logger: Logger
  onClose: (connection: Connection) => void
}

/** Who is on the other end, as their token proved, and whether their role may write this room. */
export interface Access {
  identity: Identity
  writable: boolean
}

/** An update that carries no structs and no deletions: what a reader's sync step 2 holds. */
const isEmptyUpdate = (update: Uint8Array): boolean => {
  const { structs, ds } = Y.decodeUpdate(update)
  return structs.length === 0 && ds.clients.size === 0
}

const permissionDeniedFrame = (reason: string): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Auth)
  writePermissionDenied(encoder, reason)
  return encoding.toUint8Array(encoder)
}

class ProtocolError extends Error {
  constructor(
    readonly code: number,
    reason: string,
  ) {
    super(reason)
  }
}

/**
 * One socket in one room. Every frame is decoded and checked before anything reaches the
 * room's doc; a frame that fails closes this connection only, with a code and a reason.
 */
export class Connection {
  /** Awareness client ids this socket has announced, removed from the room when it leaves. */
  readonly awarenessClients = new Set<number>()
  alive = true
  private closed = false
  private readonly origin: RoomOrigin = { source: 'connection', connection: this }

  constructor(
    private readonly socket: WebSocket,
    readonly room: Room,
    readonly access: Access,
    private readonly deps: ConnectionDeps,
  ) {
    socket.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary))
    socket.on('pong', () => {
      this.alive = true
    })
    socket.on('error', (err) => deps.logger.warn({ err: err.message }, 'socket error'))
    socket.on('close', () => this.cleanup())
    room.addConnection(this)
    this.send(syncStep1Frame(room))
    const others = [...room.awareness.getStates().keys()]
    if (others.length > 0) this.send(awarenessFrame(room.awareness, others))
  }

  send(frame: Uint8Array): void {
    if (!this.deliver(frame)) return
    this.deps.metrics.messagesOut.inc()
    this.deps.metrics.bytesOut.inc(frame.byteLength)
  }

  /**
   * Sends without counting: a room's broadcast counts its frames once, not once per socket.
   * A failed send closes the socket, which the 'error' and 'close' handlers report.
   */
  deliver(frame: Uint8Array): boolean {
    if (this.closed || this.socket.readyState !== WebSocket.OPEN) return false
    this.socket.send(frame)
    return true
  }

  /** Closes with a going-away code (shutdown) or any other code. */
  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    this.socket.close(code, reason)
  }

  /** Called by the keep-alive sweep: a socket that missed the last ping is dropped. */
  ping(): void {
    if (!this.alive) {
      this.deps.logger.info({ room: this.room.name }, 'unresponsive socket dropped')
      this.socket.terminate()
      return
    }
    this.alive = false
    this.socket.ping()
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (this.closed) return
    this.deps.metrics.messagesIn.inc()
    this.deps.metrics.bytesIn.inc(data.byteLength)
    try {
      if (!isBinary) throw new ProtocolError(CloseCode.malformed, 'text frames are not part of the protocol')
      this.dispatch(decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)))
    } catch (error) {
      const { code, reason } =
        error instanceof ProtocolError ? { code: error.code, reason: error.message } : { code: CloseCode.malformed, reason: 'malformed message' }
      this.deps.metrics.closedForCause.inc({ reason: String(code) })
      this.deps.logger.warn({ room: this.room.name, code, reason }, 'closing connection for cause')
      this.close(code, reason)
    }
  }

  private dispatch(decoder: decoding.Decoder): void {
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.Sync:
        return this.receiveSync(decoder)
      case MessageType.Awareness:
        return applyAwarenessUpdate(this.room.awareness, decoding.readVarUint8Array(decoder), this.origin)
      case MessageType.QueryAwareness:
        return this.send(awarenessFrame(this.room.awareness, [...this.room.awareness.getStates().keys()]))
      case MessageType.Auth:
        // Clients do not send auth messages; the type is the server's, for permission-denied answers.
        return
      default:
        throw new ProtocolError(CloseCode.malformed, `unknown message type ${type}`)
    }
  }

  private receiveSync(decoder: decoding.Decoder): void {
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case SyncType.Step1: {
        const stateVector = decoding.readVarUint8Array(decoder)
        Y.decodeStateVector(stateVector)
        return this.send(syncStep2Frame(this.room, stateVector))
      }
      case SyncType.Step2:
      case SyncType.Update:
        return this.applyUpdate(decoding.readVarUint8Array(decoder))
      default:
        throw new ProtocolError(CloseCode.malformed, `unknown sync message type ${type}`)
    }
  }

  private applyUpdate(update: Uint8Array): void {
    let empty: boolean
    try {
      empty = isEmptyUpdate(update)
    } catch {
      throw new ProtocolError(CloseCode.malformed, 'not a Yjs update')
    }
    if (empty) return
    if (!this.access.writable) {
      // Dropped where it would be applied: it never reaches the doc, the log or anyone else.
      this.deps.metrics.writesDenied.inc()
      this.send(permissionDeniedFrame(`a ${this.access.identity.role} may not change this ${this.room.kind}`))
      return
    }
    const stop = this.deps.metrics.applySeconds.startTimer()
    try {
      Y.applyUpdate(this.room, update, this.origin)
    } catch {
      throw new ProtocolError(CloseCode.updateRejected, 'update could not be applied')
    } finally {
      stop()
    }
  }

  private cleanup(): void {
    this.closed = true
    this.room.removeConnection(this)
    this.deps.onClose(this)
  }
}
