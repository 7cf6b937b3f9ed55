import * as Y from 'yjs'
import { discussionRoom, planRoom } from '../../shared/index.js'
import { download } from '../exports/download.js'
import { localDb } from './localDb.js'

const contentOf = (update: Uint8Array): Record<string, unknown> => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  const out: Record<string, unknown> = {}
  for (const name of doc.share.keys()) out[name] = doc.getMap(name).toJSON()
  doc.destroy()
  return out
}

/**
 * Everything this device holds of a plan, as JSON a person can keep or send to the plan's
 * owner: the plan and its discussion as stored here (changes the server never got
 * included), and every copy set aside after the server refused a change.
 */
export const exportDeviceCopy = async (planId: string): Promise<void> => {
  const db = localDb()
  const rooms = [planRoom(planId), discussionRoom(planId)]
  const copies: Record<string, unknown> = {}
  for (const room of rooms) {
    const rows = await db.updates.where('room').equals(room).toArray()
    if (rows.length > 0) copies[room] = contentOf(Y.mergeUpdates(rows.map((r) => r.update)))
  }
  const setAside = (await db.setAside.where('room').anyOf(rooms).toArray()).map((row) => ({
    room: row.room,
    reason: row.reason,
    at: new Date(row.at).toISOString(),
    content: contentOf(row.update),
  }))
  const text = JSON.stringify({ planId, server: location.origin, exportedAt: new Date().toISOString(), copies, setAside }, null, 2)
  await download(`jointplan-${planId}-this-device.json`, text, 'application/json')
}
