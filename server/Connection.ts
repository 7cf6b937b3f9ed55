import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { writePermissionDenied } from 'y-protocols/auth'
import { applyAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { WebSocket } from 'ws'
import type { Identity } from '../shared/access.js'
import { REFUSALS } from '../shared/refusals.js'
import { JobFailed } from './ChildJobs.js'
import { parseUpdate, type ParsedUpdate } from './DocState.js'
import type { Logger } from './logger.js'
import type { Metrics } from './metrics.js'
import { awarenessFrame, CloseCode, MessageType, SyncType, syncStep1Frame, syncStep2Frame, updateFrame } from './protocol.js'
import type { Room } from './Room.js'
import type { ServerConfig } from './config.js'
import { guardPresence } from './presenceGuard.js'

export interface ConnectionDeps {
  metrics: Metrics
  logger: Logger
  config: Pick<ServerConfig, 'maxBufferedBytes' | 'maxAwarenessBytes' | 'awarenessPerSecond'>
  onClose: (connection: Connection) => void
}

/** Who is on the other end, as their token proved, and whether their role may write this room. */
export interface Access {
  identity: Identity
  writable: boolean
}

/**
 * Updates larger than this (a plan's first upload, a day of offline work) are read by the
 * compaction process: decoding one here would stall every room for 100 ms and more, and
 * leave the heap tens of MB larger.
 */
const DECODE_HERE_MAX_BYTES = 64 * 1024

/** Awareness client ids one socket may announce (the stock client announces one). */
const MAX_AWARENESS_CLIENTS = 4

/** After a close for slowness, how long the socket may take to flush before it is cut. */
const SLOW_CLOSE_GRACE_MS = 1_000

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
  /** Frames received while a large update is read off the sync thread, in order. */
  private held: [Buffer, boolean][] | null = null
  /** Set once this connection was asked to resend what an incomplete update refers to. */
  private askedForMissing = false
  private awarenessBudget: number
  private awarenessAt = Date.now()

  constructor(
    private readonly socket: WebSocket,
    readonly room: Room,
    readonly access: Access,
    private readonly deps: ConnectionDeps,
  ) {
    this.awarenessBudget = 2 * deps.config.awarenessPerSecond
    socket.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary))
    socket.on('pong', () => {
      this.alive = true
    })
    socket.on('error', (err) => deps.logger.warn({ err: err.message }, 'socket error'))
    socket.on('close', () => this.cleanup())
    room.addConnection(this)
    this.send(syncStep1Frame(room.stateVector()))
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
    if (this.socket.bufferedAmount > this.deps.config.maxBufferedBytes) {
      // A reader this far behind costs the server memory for every frame sent to it.
      this.fail(new ProtocolError(CloseCode.tryAgainLater, 'this connection reads too slowly; reconnect'))
      setTimeout(() => this.socket.terminate(), SLOW_CLOSE_GRACE_MS).unref()
      return false
    }
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
    this.handle(data, isBinary)
  }

  private handle(data: Buffer, isBinary: boolean): void {
    if (this.closed) return
    // A large update is being read elsewhere: what this client sent after it waits its turn.
    if (this.held) return void this.held.push([data, isBinary])
    try {
      if (!isBinary) throw new ProtocolError(CloseCode.malformed, 'text frames are not part of the protocol')
      this.dispatch(decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)))
    } catch (error) {
      this.fail(error)
    }
  }

  private fail(error: unknown): void {
    const { code, reason } =
      error instanceof ProtocolError ? { code: error.code, reason: error.message } : { code: CloseCode.malformed, reason: 'malformed message' }
    this.deps.metrics.closedForCause.inc({ reason: String(code) })
    this.deps.logger.warn({ room: this.room.name, code, reason }, 'closing connection for cause')
    this.close(code, reason)
  }

  private dispatch(decoder: decoding.Decoder): void {
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.Sync:
        return this.receiveSync(decoder)
      case MessageType.Awareness:
        return this.receiveAwareness(decoding.readVarUint8Array(decoder))
      case MessageType.QueryAwareness:
        return this.send(awarenessFrame(this.room.awareness, [...this.room.awareness.getStates().keys()]))
      case MessageType.Auth:
        // Clients do not send auth messages; the type is the server's, for permission-denied answers.
        return
      default:
        throw new ProtocolError(CloseCode.malformed, `unknown message type ${type}`)
    }
  }

  /**
   * Presence is forwarded only for the client ids this socket announced first, with the
   * invite's name, within a size and a rate: anything else could speak for someone else.
   */
  private receiveAwareness(payload: Uint8Array): void {
    const { maxAwarenessBytes, awarenessPerSecond } = this.deps.config
    if (payload.byteLength > maxAwarenessBytes) throw new ProtocolError(CloseCode.malformed, `presence messages are limited to ${maxAwarenessBytes} bytes`)
    const now = Date.now()
    this.awarenessBudget = Math.min(2 * awarenessPerSecond, this.awarenessBudget + ((now - this.awarenessAt) / 1000) * awarenessPerSecond)
    this.awarenessAt = now
    if (this.awarenessBudget < 1) return void this.deps.metrics.presenceDropped.inc({ reason: 'rate' })
    this.awarenessBudget -= 1
    const mayAnnounce = (id: number): boolean => {
      const owner = this.room.awarenessOwner(id)
      if (owner === this) return true
      const free = owner === null && this.awarenessClients.size < MAX_AWARENESS_CLIENTS
      if (!free) this.deps.metrics.presenceDropped.inc({ reason: 'not-yours' })
      return free
    }
    const update = guardPresence(payload, this.access.identity, mayAnnounce)
    if (update) applyAwarenessUpdate(this.room.awareness, update, this)
  }

  private receiveSync(decoder: decoding.Decoder): void {
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case SyncType.Step1: {
        const stateVector = decoding.readVarUint8Array(decoder)
        Y.decodeStateVector(stateVector)
        const missing = this.room.missingFor(stateVector)
        for (const update of missing.slice(0, -1)) this.send(updateFrame(update))
        return this.send(syncStep2Frame(missing.at(-1)!))
      }
      case SyncType.Step2:
      case SyncType.Update:
        // A copy of its own: the decoded bytes are a view into the whole socket buffer, which
        // a room keeping the update would hold on to.
        return this.applyUpdate(decoding.readVarUint8Array(decoder).slice())
      default:
        throw new ProtocolError(CloseCode.malformed, `unknown sync message type ${type}`)
    }
  }

  private applyUpdate(bytes: Uint8Array): void {
    const stop = this.deps.metrics.applySeconds.startTimer()
    try {
      this.accept(bytes)
    } finally {
      stop()
    }
  }

  private accept(bytes: Uint8Array): void {
    // A discussion and a workshop are checked entry by entry (their guards), here.
    if (bytes.byteLength > DECODE_HERE_MAX_BYTES && this.room.kind !== 'discussion' && this.room.kind !== 'workshop') return void this.acceptLarge(bytes)
    let update: ParsedUpdate
    try {
      update = parseUpdate(bytes)
    } catch {
      throw new ProtocolError(CloseCode.malformed, 'not a Yjs update')
    }
    this.decide(update)
  }

  private async acceptLarge(bytes: Uint8Array): Promise<void> {
    const held: typeof this.held = []
    this.held = held
    try {
      this.decide(await this.room.readLarge(bytes))
    } catch (error) {
      this.fail(
        error instanceof JobFailed
          ? new ProtocolError(CloseCode.malformed, 'not a Yjs update')
          : new ProtocolError(CloseCode.internalError, 'the update could not be read; send it again'),
      )
    }
    this.held = null
    for (const [data, isBinary] of held) this.handle(data, isBinary)
  }

  private decide(update: ParsedUpdate): void {
    // Nothing new (a reader's sync reply repeats what it holds): nothing to refuse or store.
    if (!this.room.adds(update)) return
    if (this.access.identity.expiresAt <= Date.now()) return this.close(CloseCode.revoked, REFUSALS.expired)
    if (!this.access.writable) return this.deny(`a ${this.access.identity.role} may not change this ${this.room.kind}`)
    if (!this.room.complete(update)) return this.askForMissing()
    const refusal = this.room.authorize(update, this.access.identity)
    if (refusal) return this.deny(refusal)
    this.room.apply(update, this)
  }

  /** Dropped where it would be applied: it never reaches the doc, the log or anyone else. */
  private deny(reason: string): void {
    this.deps.metrics.writesDenied.inc()
    this.send(permissionDeniedFrame(reason))
  }

  /**
   * An update that refers to changes the room lacks is not taken (it would leave every
   * client that syncs the room with pending structs). The sender is asked once for what the
   * server lacks: a client that holds it answers with all of it. Later ones are refused: a
   * client's changes after one the server refused depend on it.
   */
  private askForMissing(): void {
    this.deps.metrics.writesIncomplete.inc()
    if (this.askedForMissing) return this.deny('the update follows changes this server refused or does not have')
    this.askedForMissing = true
    this.send(syncStep1Frame(this.room.stateVector()))
  }

  private cleanup(): void {
    this.closed = true
    this.room.removeConnection(this)
    this.deps.onClose(this)
  }
}
