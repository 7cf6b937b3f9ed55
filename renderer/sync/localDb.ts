import Dexie, { type Table } from 'dexie'

export interface UpdateRow {
  id?: number
  room: string
  update: Uint8Array
  /** 1 while the server may not have it: made locally when not connected and synced. */
  pending: 0 | 1
}

/** A device's copy the server refused a change of, set aside so that nothing typed is lost. */
export interface SetAsideRow {
  id?: number
  room: string
  update: Uint8Array
  reason: string
  at: number
}

export interface PlanRow {
  id: string
  title: string
  openedAt: number
}

/**
 * What this device keeps: every update of every doc it opened, and the plans it knows.
 * A plan opens from here first, so it reads and edits with no network.
 */
export class LocalDb extends Dexie {
  updates!: Table<UpdateRow, number>
  plans!: Table<PlanRow, string>
  setAside!: Table<SetAsideRow, number>

  constructor(name = 'jointplan') {
    super(name)
    this.version(1).stores({ updates: '++id, room, [room+pending]', plans: 'id, openedAt' })
    this.version(2).stores({ setAside: '++id, room' })
  }
}

let shared: LocalDb | null = null
export const localDb = (): LocalDb => (shared ??= new LocalDb())
