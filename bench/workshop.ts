import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type * as Y from 'yjs'
import { castVote, createPlan, openWorkshop, postCard, readWorkshop, setWorkshopState, updateWorkshopSetup, voteKey, workshopMaps } from '../shared/index.js'
import { launchBrowser } from '../test/helpers/browser.js'
import { waitFor } from '../test/helpers/wait.js'
import { benchClient, whenSynced } from './client.js'
import { startJointPlan } from './processes.js'
import { median, percentile } from './stats.js'

export interface WorkshopFigures {
  cardP99Ms: number
  voteP99Ms: number
  votesCast: number
  /** Votes a fresh reader counts at the end: equal to `votesCast` when none was lost or counted twice. */
  votesCounted: number
  /** From a vote's arrival at the projector's socket to the page showing it (the view's own work), with `projectorCards` cards. */
  projectorUpdateMedianMs: number
  projectorUpdateP95Ms: number
  /** The same, to the next frame after it (the display's frame pacing included). */
  projectorFrameMedianMs: number
}

const PLAN = 'ws'
const WORKSHOP = 'w1'
const ROOM = `plan/${PLAN}/workshop/${WORKSHOP}`

/** `count` participant invites (commenters), each a person of their own, through the owners' API. */
const invites = async (http: string, host: string, count: number): Promise<{ token: string; id: string; me: { name: string; org: string } }[]> => {
  const people: { token: string; id: string; me: { name: string; org: string } }[] = []
  for (let i = 0; i < count; i++) {
    const me = { name: `Participant ${i}`, org: `Org ${i % 12}` }
    const res = await fetch(`${http}/api/plans/${PLAN}/invites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'commenter', ...me }),
    })
    const body = (await res.json()) as { token: string; identity: { tokenId: string } }
    people.push({ token: body.token, id: body.identity.tokenId, me })
  }
  return people
}

/** Fan-out of one key written by one client, as every other client sees it arrive. */
const watchArrivals = (doc: Y.Doc, sentAt: Map<string, number>, into: { cards: number[]; votes: number[] }) => {
  const { cards, votes } = workshopMaps(doc)
  cards.observe((event) => {
    if (event.transaction.local) return
    for (const [key, change] of event.changes.keys) if (change.action === 'add' && sentAt.has(key)) into.cards.push(performance.now() - sentAt.get(key)!)
  })
  votes.observe((event) => {
    if (event.transaction.local) return
    for (const [key, change] of event.changes.keys) if (change.action !== 'delete' && sentAt.has(key)) into.votes.push(performance.now() - sentAt.get(key)!)
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A workshop room on a server of its own: `participants` stock clients each post a card at
 * a random moment of the posting window, then, when the facilitator opens voting, cast
 * their 3 votes in a burst. Then the projector in Chromium, with `projectorCards` cards
 * shown with their counts, times each of `updates` votes from its arrival to its paint.
 */
export const measureWorkshop = async (staticDir: string, participants: number, postWindowMs: number, projectorCards: number, updates: number): Promise<WorkshopFigures> => {
  // Each stock client registers an exit handler with the process: one per participant is expected.
  process.setMaxListeners(Math.max(process.getMaxListeners(), participants + 10))
  const dataDir = mkdtempSync(join(tmpdir(), 'jointplan-bench-workshop-'))
  const server = await startJointPlan(dataDir, staticDir)
  const clients: { doc: Y.Doc; provider: { destroy(): void } }[] = []
  try {
    const tokenFile = join(dataDir, 'local-owner.token')
    await waitFor('the host token', () => existsSync(tokenFile), 10_000)
    const host = readFileSync(tokenFile, 'utf8').trim()
    const http = server.url.replace('ws://', 'http://')

    const plan = benchClient(server.url, `plan/${PLAN}`, host)
    const facilitator = benchClient(server.url, ROOM, host)
    clients.push(plan, facilitator)
    await Promise.all([whenSynced(plan.provider), whenSynced(facilitator.provider)])
    const created = createPlan(plan.doc, { title: 'Workshop bench' })
    if (!created.ok) throw new Error(created.error.message)
    const opened = openWorkshop(plan.doc, facilitator.doc, { title: 'Bench workshop', date: '2025-02-11', questions: [{ id: 'q1', text: 'Recommendations', areaId: null }], votesPerPerson: 3 }, { newId: () => WORKSHOP })
    if (!opened.ok) throw new Error(opened.error.message)

    const people = await invites(http, host, participants)
    const sentAt = new Map<string, number>()
    const arrivals = { cards: [] as number[], votes: [] as number[] }
    const rooms = people.map((person) => ({ ...person, client: benchClient(server.url, ROOM, person.token) }))
    clients.push(...rooms.map((r) => r.client))
    await Promise.all(rooms.map((r) => whenSynced(r.client.provider)))
    await waitFor('every participant sees the session', () => rooms.every((r) => readWorkshop(r.client.doc).setup !== null), 30_000)
    for (const r of rooms) watchArrivals(r.client.doc, sentAt, arrivals)

    // Posting: one card each, at a random moment of the window.
    let n = 0
    await Promise.all(rooms.map(async (r) => {
      await sleep(Math.random() * postWindowMs)
      const id = `card-${n++}`
      sentAt.set(id, performance.now())
      const posted = postCard(r.client.doc, { questionId: 'q1', text: `Recommendation from ${r.me.name}`, by: r.id, author: r.me }, { newId: () => id })
      if (!posted.ok) throw new Error(posted.error.message)
    }))
    await waitFor('every card everywhere', () => rooms.every((r) => r.client.doc.getMap('cards').size === participants), 60_000)

    // Voting opens: everyone spends their 3 votes within two seconds.
    setWorkshopState(facilitator.doc, { voting: true })
    await waitFor('voting open everywhere', () => rooms.every((r) => readWorkshop(r.client.doc).state.voting), 30_000)
    const cardIds = [...facilitator.doc.getMap('cards').keys()]
    await Promise.all(rooms.map(async (r) => {
      for (let v = 0; v < 3; v++) {
        await sleep(Math.random() * 700)
        const t0 = performance.now()
        const cast = castVote(r.client.doc, r.id, cardIds[Math.floor(Math.random() * cardIds.length)]!)
        if (!cast.ok) throw new Error(cast.error.message)
        sentAt.set(voteKey(r.id, cast.value.slot), t0)
      }
    }))
    const votesCast = participants * 3
    await waitFor('every vote everywhere', () => rooms.every((r) => r.client.doc.getMap('votes').size === votesCast), 60_000)
    const reader = benchClient(server.url, ROOM, host)
    clients.push(reader)
    await whenSynced(reader.provider)
    await waitFor('the reader holds every vote', () => reader.doc.getMap('votes').size === votesCast, 30_000)
    const votesCounted = readWorkshop(reader.doc).cards.reduce((sum, card) => sum + card.votes, 0)

    // The projector: the wall shows `projectorCards` cards with live counts.
    for (let i = participants; i < projectorCards; i++) {
      const r = rooms[i % rooms.length]!
      postCard(r.client.doc, { questionId: 'q1', text: `Recommendation ${i}`, by: r.id, author: r.me })
    }
    updateWorkshopSetup(facilitator.doc, { votesPerPerson: 20 })
    setWorkshopState(facilitator.doc, { revealed: true })
    await waitFor('everyone has more votes', () => rooms.every((r) => readWorkshop(r.client.doc).setup?.votesPerPerson === 20), 30_000)
    await waitFor('the cards are stored', () => reader.doc.getMap('cards').size >= projectorCards, 60_000)
    const projector = await projectorTimes(http, host, projectorCards, updates, rooms, cardIds)
    return {
      cardP99Ms: percentile(arrivals.cards, 99),
      voteP99Ms: percentile(arrivals.votes, 99),
      votesCast,
      votesCounted,
      projectorUpdateMedianMs: median(projector.map((p) => p.updated)),
      projectorUpdateP95Ms: percentile(projector.map((p) => p.updated), 95),
      projectorFrameMedianMs: median(projector.map((p) => p.framed)),
    }
  } finally {
    clients.forEach((c) => c.provider.destroy())
    await server.stop()
  }
}

const projectorTimes = async (
  http: string,
  host: string,
  cards: number,
  updates: number,
  rooms: { id: string; me: { name: string; org: string }; client: { doc: Y.Doc } }[],
  cardIds: string[],
): Promise<{ updated: number; framed: number }[]> => {
  const browser = await launchBrowser()
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    // The time a sync message (type 0) last arrived on any socket of the page.
    await context.addInitScript(() => {
      const Native = window.WebSocket
      const state = window as unknown as { lastSyncAt: number }
      state.lastSyncAt = 0
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols)
          this.addEventListener('message', (event: MessageEvent) => {
            if (event.data instanceof ArrayBuffer && new Uint8Array(event.data)[0] === 0) state.lastSyncAt = performance.now()
          })
        }
      }
    })
    const page = await context.newPage()
    await page.goto(`${http}/#/plan/${PLAN}/workshop/${WORKSHOP}/projector?token=${host}`)
    await page.locator('.projector-cards li').nth(cards - 1).waitFor({ timeout: 60_000 })
    const times: { updated: number; framed: number }[] = []
    for (let i = 0; i < updates; i++) {
      const painted = await page.evaluateHandle(() => ({
        done: new Promise<{ updated: number; framed: number }>((resolve) => {
          const target = document.querySelector('.projector-cards')!
          const observer = new MutationObserver(() => {
            observer.disconnect()
            const t0 = (window as unknown as { lastSyncAt: number }).lastSyncAt
            const updated = performance.now() - t0
            requestAnimationFrame(() => resolve({ updated, framed: performance.now() - t0 }))
          })
          observer.observe(target, { childList: true, subtree: true, characterData: true })
        }),
      }))
      const r = rooms[i % rooms.length]!
      const cast = castVote(r.client.doc, r.id, cardIds[i % cardIds.length]!)
      if (!cast.ok) throw new Error(cast.error.message)
      times.push(await painted.evaluate((p) => p.done))
    }
    return times
  } finally {
    await browser.close()
  }
}
