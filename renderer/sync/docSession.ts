import { readAuthMessage } from 'y-protocols/auth'
import { messageAuth, WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { LocalDb } from './localDb.js'
import { LocalDocStore } from './localDocStore.js'

export type SyncState = 'loading' | 'connecting' | 'syncing' | 'synced' | 'offline'

export interface SyncStatus {
  state: SyncState
  /** Edits on this device the server may not have yet. */
  pending: number
  /** Why the server closed this session for good (an invite revoked or expired), or null. */
  closed: string | null
}

/** Called when the server refuses a change: the session is replaced by one built from the server's copy. */
export type OnRefused = (session: DocSession, reason: string) => void

/**
 * The stock client backs off exponentially up to a cap but without jitter; a random cap per
 * session spreads a room's reconnects after a server restart.
 */
const jitteredMaxBackoff = (): number => 2_000 + Math.floor(Math.random() * 3_000)

/**
 * One doc on this device: loaded from IndexedDB first, so it opens with no network, then
 * kept in sync through a y-websocket provider. Publishes its sync status.
 */
export class DocSession {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  private started: Promise<void> | null = null
  private readonly store: LocalDocStore
  private status: SyncStatus = { state: 'loading', pending: 0, closed: null }
  private readonly listeners = new Set<() => void>()
  private destroyed = false
  private closedFor: string | null = null

  constructor(
    db: LocalDb,
    server: string,
    readonly room: string,
    token: string | null,
    /** False when something else must see the doc empty first (an editor binding): call `start()`. */
    autoStart = true,
    onRefused: OnRefused | null = null,
  ) {
    this.provider = new WebsocketProvider(server, room, this.doc, {
      connect: false,
      maxBackoffTime: jitteredMaxBackoff(),
      params: token ? { token } : {},
    })
    // Permission-denied: the change was not stored or sent anywhere. Every later change of
    // this doc depends on it, so the device's copy is rebuilt from the server's.
    this.provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
      readAuthMessage(decoder, this.doc, (_doc, reason) => onRefused?.(this, reason))
    }
    this.provider.on('closed', ({ reason }: { code: number; reason: string }) => {
      this.closedFor = reason || 'closed by the server'
      void this.refresh()
    })
    this.store = new LocalDocStore(db, room, this.doc, (origin) => origin !== this.provider, () => this.listening())
    this.provider.on('status', () => void this.refresh())
    this.provider.on('sync', (synced: boolean) => {
      if (synced) void this.store.markSent().then(() => this.refresh())
      else void this.refresh()
    })
    // Counted once the local write has landed, so the pending figure is never behind.
    this.doc.on('update', () => void this.store.flushed().then(() => this.refresh()))
    if (autoStart) void this.start()
  }

  /** Loads the local copy, then connects. Idempotent; `ready` resolves when the local copy is in. */
  start(): Promise<void> {
    this.started ??= this.store.load().then(() => {
      if (this.destroyed) return
      if (navigator.onLine) this.provider.connect()
      window.addEventListener('online', this.goOnline)
      window.addEventListener('offline', this.goOffline)
      return this.refresh()
    })
    return this.started
  }

  get ready(): Promise<void> {
    return this.start()
  }

  getStatus = (): SyncStatus => this.status

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Stops syncing: the server will not take this device's changes (its invite was refused). */
  stop(reason: string): void {
    this.provider.disconnect()
    this.closedFor = reason
    void this.refresh()
  }

  /** Resolves once every local edit is in IndexedDB (the window waits for this before closing). */
  flushed(): Promise<void> {
    return this.store.flushed()
  }

  destroy(): void {
    this.destroyed = true
    window.removeEventListener('online', this.goOnline)
    window.removeEventListener('offline', this.goOffline)
    this.store.destroy()
    this.provider.destroy()
    this.doc.destroy()
    this.listeners.clear()
  }

  private listening(): boolean {
    return navigator.onLine && this.provider.wsconnected && this.provider.synced
  }

  // The browser knows before the socket does: drop it at once, and come back when the network does.
  private readonly goOffline = () => {
    this.provider.disconnect()
    void this.refresh()
  }
  private readonly goOnline = () => {
    this.provider.connect()
    void this.refresh()
  }

  private async refresh(): Promise<void> {
    if (this.destroyed) return
    const pending = await this.store.pendingCount()
    const { wsconnecting, synced } = this.provider
    // A closing socket can linger after the network is gone; the browser's word counts first.
    const wsconnected = this.provider.wsconnected && navigator.onLine
    const state: SyncState = wsconnected
      ? synced && pending === 0 ? 'synced' : 'syncing'
      : wsconnecting && pending === 0 ? 'connecting' : 'offline'
    const closed = this.closedFor
    if (state === this.status.state && pending === this.status.pending && closed === this.status.closed) return
    this.status = { state, pending, closed }
    this.listeners.forEach((l) => l())
  }
}
