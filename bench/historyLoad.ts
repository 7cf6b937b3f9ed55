import * as Y from 'yjs'
import { addAction, createPlan, updateAction } from '../shared/index.js'
import { SqliteUpdateLog } from '../server/index.js'
import { benchClient, whenSynced } from './client.js'

/**
 * A plan whose log holds `updates` updates (a plan edited for months), written into the
 * data folder before the server starts: one action edited over and over, each edit its own
 * update, as a live session would have logged them.
 */
export const seedLoggedPlan = async (dataDir: string, room: string, updates: number): Promise<void> => {
  const doc = new Y.Doc()
  const logged: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => logged.push(update))
  const created = createPlan(doc, { title: 'A plan with a long history' })
  if (!created.ok) throw new Error(created.error.message)
  const ids = Array.from({ length: 50 }, (_, i) => {
    const added = addAction(doc, { areaId: created.value.areaIds[i % 4]!, title: `Action ${i}` })
    if (!added.ok) throw new Error(added.error.message)
    return added.value.id
  })
  for (let i = 0; logged.length < updates; i++) updateAction(doc, ids[i % ids.length]!, { progress: i % 101 })
  const log = new SqliteUpdateLog(dataDir, 'normal')
  try {
    const at = Date.now() - updates * 1_000
    for (let from = 0; from < logged.length; from += 1_000) {
      await log.append(logged.slice(from, from + 1_000).map((update, i) => ({ room, update, author: null, at: at + (from + i) * 1_000 })))
    }
  } finally {
    await log.close()
  }
}

/**
 * Someone editing the plan while others read its history: one edit a second, so that the
 * pages the readers hold go out of date and are built again. stop() ends it.
 */
export const editEverySecond = async (url: string, planId: string, token: string): Promise<() => void> => {
  const editor = benchClient(url, `plan/${planId}`, token)
  await whenSynced(editor.provider)
  let n = 0
  const timer = setInterval(() => editor.doc.getMap('meta').set('summary', `edit ${n++}`), 1_000)
  return () => {
    clearInterval(timer)
    editor.provider.destroy()
  }
}

/**
 * One loop per invite, each fetching the plan's history (the newest page) again as soon as
 * the last answer came, or when the server said to come back (429); stop() says how many
 * pages were served.
 */
export const fetchHistoryInLoops = (httpOrigin: string, planId: string, tokens: readonly string[]): (() => Promise<number>) => {
  let running = true
  let served = 0
  const loop = async (token: string) => {
    // As a browser does: the page it holds is revalidated with its ETag.
    let etag: string | null = null
    while (running) {
      const res: Response = await fetch(`${httpOrigin}/api/plans/${planId}/history`, { headers: { authorization: `Bearer ${token}`, ...(etag ? { 'if-none-match': etag } : {}) } })
      await res.arrayBuffer()
      if (res.status === 429) await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000))
      else if (res.status !== 200 && res.status !== 304) throw new Error(`history answered ${res.status}`)
      else {
        etag = res.headers.get('etag')
        served++
      }
    }
  }
  const loops = tokens.map(loop)
  return async () => {
    running = false
    await Promise.all(loops)
    return served
  }
}
