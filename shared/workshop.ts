import * as Y from 'yjs'
import { z } from 'zod'
import { addAction } from './commands/actions.js'
import { idFrom, nowFrom, type CommandContext } from './commands/context.js'
import { commandOrigin, mapFromRecord, writeFields } from './layout.js'
import { refused, invalid, notFound, ok, type CommandResult } from './result.js'
import { Id, IsoDate, IsoDateTime, Person, type Provenance } from './schema.js'
import { LanguageCode } from './translations.js'

/**
 * A workshop session lives in its own doc (room `plan/<planId>/workshop/<workshopId>`): the
 * session as the facilitator set it up and runs it, the participants' cards, and their
 * votes. The plan lists its sessions (`workshops` in the plan doc) so that anyone in the
 * plan finds them. Votes are keyed by the voter's invite and a slot number below the
 * session's budget, so a budget cannot be overspent even by votes cast offline: a second
 * vote in the same slot replaces the first, and the server refuses a slot past the budget.
 */
export const workshopMaps = (doc: Y.Doc) => ({
  session: doc.getMap<unknown>('session'),
  cards: doc.getMap<Y.Map<unknown>>('cards'),
  votes: doc.getMap<string>('votes'),
})

/** The roots of a workshop doc; the server refuses anything else. */
export const WORKSHOP_ROOTS = ['session', 'cards', 'votes'] as const

export const MAX_VOTES_PER_PERSON = 20

export const Question = z.object({ id: Id, text: z.string().trim().min(1).max(300), areaId: Id.nullable() }).strict()
export type Question = z.infer<typeof Question>
export const Segment = z.object({ id: Id, title: z.string().trim().min(1).max(200), minutes: z.number().int().min(1).max(480) }).strict()
export type Segment = z.infer<typeof Segment>

/** What a facilitator sets up: the session, the questions (or areas) discussed, the agenda, the vote budget. */
export const WorkshopSetup = z
  .object({
    title: z.string().trim().min(1, 'a title is required').max(200),
    date: IsoDate,
    place: z.string().trim().max(200).default(''),
    questions: z.array(Question).min(1).max(20),
    agenda: z.array(Segment).max(30).default([]),
    votesPerPerson: z.number().int().min(1).max(MAX_VOTES_PER_PERSON).default(3),
    /** Cards are shown to the room without names; the doc and the log still record which invite posted each. */
    anonymous: z.boolean().default(false),
  })
  .strict()
export type WorkshopSetup = z.infer<typeof WorkshopSetup>

/** How the facilitator is running it: voting open, results revealed, the current segment, closed for good. */
export const WorkshopState = z.object({
  voting: z.boolean().default(false),
  revealed: z.boolean().default(false),
  segment: z.object({ index: z.number().int().nonnegative(), startedAt: z.number().int() }).nullable().default(null),
  closed: z.boolean().default(false),
})
export type WorkshopState = z.infer<typeof WorkshopState>

export const Card = z.object({
  id: Id,
  questionId: Id,
  text: z.string().trim().min(1).max(500),
  /** The language it was written in (the poster's app language), so that it is shown and shaped as such. */
  lang: LanguageCode.nullable().default(null),
  /** The token id of the invite that posted it: the server checks it is the writer's. */
  by: z.string().min(1).max(64),
  /** The poster's name and organization as the invite gives them; null in an anonymous session. */
  author: Person.nullable(),
  createdAt: IsoDateTime,
  mergedInto: Id.nullable().default(null),
  /** The facilitator reworded it; `consent`: its author agreed to the new wording. */
  reworded: z.boolean().default(false),
  consent: z.boolean().default(false),
  /** The proposed action it became. */
  actionId: Id.nullable().default(null),
})
export type Card = z.infer<typeof Card>

/** The key of one vote: the voter's invite and the slot of their budget it uses. */
export const voteKey = (voter: string, slot: number): string => `${voter}/${slot}`
export const parseVoteKey = (key: string): { voter: string; slot: number } | null => {
  const match = /^(.{1,64})\/(\d{1,2})$/.exec(key)
  return match ? { voter: match[1]!, slot: Number(match[2]) } : null
}

/** The plan doc's list of its workshop sessions (id → title, date, place). */
export const planWorkshops = (planDoc: Y.Doc): Y.Map<Y.Map<unknown>> => planDoc.getMap<Y.Map<unknown>>('workshops')

export const WorkshopEntry = z.object({ id: Id, title: z.string(), date: IsoDate, place: z.string() })
export type WorkshopEntry = z.infer<typeof WorkshopEntry>

export const readWorkshopList = (planDoc: Y.Doc): WorkshopEntry[] =>
  [...planWorkshops(planDoc).entries()]
    .flatMap(([id, entry]) => {
      const parsed = WorkshopEntry.safeParse({ ...(entry instanceof Y.Map ? entry.toJSON() : {}), id })
      return parsed.success ? [parsed.data] : []
    })
    .sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title))

/** Opens a session: its entry in the plan, and its setup in its own doc. */
export const openWorkshop = (planDoc: Y.Doc, workshopDoc: Y.Doc, input: z.input<typeof WorkshopSetup>, ctx: CommandContext = {}): CommandResult<{ id: string }> => {
  const setup = WorkshopSetup.safeParse(input)
  if (!setup.success) return invalid(setup.error)
  const id = idFrom(ctx)
  workshopDoc.transact(() => {
    writeFields(workshopMaps(workshopDoc).session, { ...setup.data, ...WorkshopState.parse({}) })
  }, commandOrigin('openWorkshop'))
  planDoc.transact(() => {
    planWorkshops(planDoc).set(id, mapFromRecord({ title: setup.data.title, date: setup.data.date, place: setup.data.place }))
  }, commandOrigin('openWorkshop'))
  return ok({ id })
}

/**
 * Changes the setup of a running session: title, date, place, questions, agenda, budget,
 * anonymity. With `listing`, the plan's list of sessions shows the new title, date and place.
 * A question that holds cards is kept (its cards would have nowhere to be); a closed
 * session is not changed.
 */
export const updateWorkshopSetup = (
  doc: Y.Doc,
  patch: Partial<z.input<typeof WorkshopSetup>>,
  listing?: { planDoc: Y.Doc; workshopId: string },
): CommandResult<{ changed: number }> => {
  const current = readWorkshop(doc)
  if (!current.setup) return notFound('workshop', 'session')
  if (current.state.closed) return refused('closed', 'the session is closed', { key: 'workshopClosed' })
  const setup = WorkshopSetup.safeParse({ ...current.setup, ...patch })
  if (!setup.success) return invalid(setup.error)
  const kept = new Set(setup.data.questions.map((q) => q.id))
  if (current.cards.some((card) => !kept.has(card.questionId))) return refused('questions', 'a question that holds cards cannot be removed', { key: 'questionHasCards' })
  let changed = 0
  doc.transact(() => {
    changed = writeFields(workshopMaps(doc).session, setup.data)
  }, commandOrigin('updateWorkshopSetup'))
  const entry = listing && planWorkshops(listing.planDoc).get(listing.workshopId)
  if (entry) {
    listing.planDoc.transact(() => {
      writeFields(entry, { title: setup.data.title, date: setup.data.date, place: setup.data.place })
    }, commandOrigin('updateWorkshopSetup'))
  }
  return ok({ changed })
}

/** The facilitator runs the session: opens or ends voting, reveals results, starts a segment, closes it. */
export const setWorkshopState = (doc: Y.Doc, patch: Partial<WorkshopState>): CommandResult<{ changed: number }> => {
  const state = WorkshopState.partial().safeParse(patch)
  if (!state.success) return invalid(state.error)
  if (readWorkshop(doc).state.closed) return refused('closed', 'the session is closed', { key: 'workshopClosed' })
  // Only what the patch names: a partial schema still fills the others' defaults.
  const named = Object.fromEntries(Object.entries(state.data).filter(([key]) => key in patch))
  let changed = 0
  doc.transact(() => {
    changed = writeFields(workshopMaps(doc).session, named)
  }, commandOrigin('setWorkshopState'))
  return ok({ changed })
}

const NewCard = Card.pick({ questionId: true, text: true, by: true, author: true, lang: true }).partial({ lang: true }).strict()

/** A participant posts a recommendation under a question, as their invite (`by`, and `author` unless the session is anonymous). */
export const postCard = (doc: Y.Doc, input: z.input<typeof NewCard>, ctx: CommandContext = {}): CommandResult<{ id: string }> => {
  const parsed = NewCard.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const view = readWorkshop(doc)
  if (view.state.closed) return refused('closed', 'the session is closed', { key: 'workshopClosed' })
  if (!view.setup?.questions.some((q) => q.id === parsed.data.questionId)) return notFound('question', parsed.data.questionId)
  const card = Card.safeParse({ ...parsed.data, author: view.setup.anonymous ? null : parsed.data.author, id: idFrom(ctx), createdAt: nowFrom(ctx).toISOString() })
  if (!card.success) return invalid(card.error)
  doc.transact(() => {
    workshopMaps(doc).cards.set(card.data.id, mapFromRecord({ ...card.data, id: undefined }))
  }, commandOrigin('postCard'))
  return ok({ id: card.data.id })
}

/** The facilitator folds a card into another (same recommendation said twice); its votes count for the other. */
export const mergeCard = (doc: Y.Doc, cardId: string, intoId: string): CommandResult<{ changed: number }> => {
  const cards = workshopMaps(doc).cards
  const card = cards.get(cardId)
  if (!card) return notFound('card', cardId)
  if (!cards.has(intoId)) return notFound('card', intoId)
  const view = readWorkshop(doc)
  if (cardId === intoId || rootOf(view.cardsById, intoId) === cardId) return refused('mergedInto', 'a card cannot be merged into itself', { key: 'invalid' })
  let changed = 0
  doc.transact(() => {
    changed = writeFields(card, { mergedInto: rootOf(view.cardsById, intoId) })
  }, commandOrigin('mergeCard'))
  return ok({ changed })
}

/** The facilitator groups a card under another question (or area) of the session. */
export const moveCard = (doc: Y.Doc, cardId: string, questionId: string): CommandResult<{ changed: number }> => {
  const card = workshopMaps(doc).cards.get(cardId)
  if (!card) return notFound('card', cardId)
  if (!readWorkshop(doc).setup?.questions.some((q) => q.id === questionId)) return notFound('question', questionId)
  let changed = 0
  doc.transact(() => {
    changed = writeFields(card, { questionId })
  }, commandOrigin('moveCard'))
  return ok({ changed })
}

/** Rewords a card; the facilitator marks whether its author agreed to the new wording. */
export const rewordCard = (doc: Y.Doc, cardId: string, text: string, consent: boolean): CommandResult<{ changed: number }> => {
  const card = workshopMaps(doc).cards.get(cardId)
  if (!card) return notFound('card', cardId)
  const parsed = Card.shape.text.safeParse(text)
  if (!parsed.success) return invalid(parsed.error)
  let changed = 0
  doc.transact(() => {
    changed = writeFields(card, { text: parsed.data, reworded: true, consent })
  }, commandOrigin('rewordCard'))
  return ok({ changed })
}

/** Spends one of the voter's votes on a card: the first free slot of their budget. */
export const castVote = (doc: Y.Doc, voter: string, cardId: string): CommandResult<{ slot: number }> => {
  const view = readWorkshop(doc)
  if (!view.setup || !view.state.voting || view.state.closed) return refused('votes', 'voting is not open', { key: 'votingClosed' })
  if (!view.cardsById.has(cardId)) return notFound('card', cardId)
  const votes = workshopMaps(doc).votes
  const slot = [...Array(view.setup.votesPerPerson).keys()].find((n) => !votes.has(voteKey(voter, n)))
  if (slot === undefined) return refused('votes', 'no votes left', { key: 'noVotesLeft' })
  doc.transact(() => {
    votes.set(voteKey(voter, slot), cardId)
  }, commandOrigin('castVote'))
  return ok({ slot })
}

/** Takes back one of the voter's votes on a card. */
export const withdrawVote = (doc: Y.Doc, voter: string, cardId: string): CommandResult<{ slot: number }> => {
  const view = readWorkshop(doc)
  if (!view.state.voting || view.state.closed) return refused('votes', 'voting is not open', { key: 'votingClosed' })
  const votes = workshopMaps(doc).votes
  const key = [...votes.entries()].find(([k, card]) => card === cardId && parseVoteKey(k)?.voter === voter)?.[0]
  if (key === undefined) return notFound('vote', cardId)
  doc.transact(() => votes.delete(key), commandOrigin('withdrawVote'))
  return ok({ slot: parseVoteKey(key)?.slot ?? 0 })
}

/**
 * Turns a card into a proposed action of the plan: the area, title and summary the
 * facilitator chose, the organizations that proposed it, and where it came from.
 */
export const convertCard = (
  planDoc: Y.Doc,
  workshopDoc: Y.Doc,
  workshopId: string,
  cardId: string,
  input: { areaId: string; title: string; summary?: string; owners?: string[] },
  ctx: CommandContext = {},
): CommandResult<{ actionId: string }> => {
  const view = readWorkshop(workshopDoc)
  const card = view.cards.find((c) => c.id === cardId)
  const entry = workshopMaps(workshopDoc).cards.get(cardId)
  if (!card || !entry || !view.setup) return notFound('card', cardId)
  if (card.actionId) return refused('actionId', 'this card is an action already', { key: 'invalid' })
  const proposedBy = [...new Set([card, ...card.merged].flatMap((c) => (c.author?.org ? [c.author.org] : [])))].sort((a, b) => a.localeCompare(b))
  const provenance: Provenance = { workshopId, cardId, workshop: view.setup.title, on: view.setup.date, place: view.setup.place, votes: card.votes, proposedBy }
  const added = addAction(planDoc, { areaId: input.areaId, title: input.title, summary: input.summary ?? card.text, origin: 'proposed', owners: input.owners ?? [], provenance }, ctx)
  if (!added.ok) return added
  workshopDoc.transact(() => {
    writeFields(entry, { actionId: added.value.id })
  }, commandOrigin('convertCard'))
  return ok({ actionId: added.value.id })
}

export interface CardView extends Card {
  /** Votes on it and on the cards merged into it; counted only for slots within the budget. */
  votes: number
  merged: Card[]
}

export interface WorkshopView {
  setup: WorkshopSetup | null
  state: WorkshopState
  /** Cards not merged into another, oldest first, with their votes. */
  cards: CardView[]
  cardsById: Map<string, Card>
  /** The cards each voter's votes are on, by voter (token id). */
  votesBy: Map<string, string[]>
  /** Distinct invites that posted or voted. */
  participants: number
  /** The organizations of those who posted a named card. */
  organizations: string[]
}

/**
 * The card a card's votes count for: follows `mergedInto`. Two facilitators merging two
 * cards into each other offline make a cycle; its card with the smallest id is then the
 * one both count for, on every device alike.
 */
const rootOf = (cards: Map<string, Card>, id: string): string => {
  const seen: string[] = []
  let current = id
  while (!seen.includes(current)) {
    seen.push(current)
    const next = cards.get(current)?.mergedInto
    if (!next || !cards.has(next)) return current
    current = next
  }
  return [...seen.slice(seen.indexOf(current))].sort()[0]!
}

/** Reads a workshop doc through its schemas: what is unreadable is left out. */
export const readWorkshop = (doc: Y.Doc): WorkshopView => {
  const maps = workshopMaps(doc)
  const session = maps.session.toJSON()
  const setup = WorkshopSetup.safeParse(Object.fromEntries(Object.entries(session).filter(([key]) => key in WorkshopSetup.shape)))
  const stateRead = WorkshopState.safeParse(Object.fromEntries(Object.entries(session).filter(([key]) => key in WorkshopState.shape)))
  const state = stateRead.success ? stateRead.data : WorkshopState.parse({})
  const cardsById = new Map<string, Card>()
  maps.cards.forEach((entry, id) => {
    const card = Card.safeParse({ ...(entry instanceof Y.Map ? entry.toJSON() : {}), id })
    if (card.success) cardsById.set(id, card.data)
  })
  const budget = setup.success ? setup.data.votesPerPerson : 0
  const counts = new Map<string, number>()
  const votesBy = new Map<string, string[]>()
  maps.votes.forEach((cardId, key) => {
    const vote = parseVoteKey(key)
    if (!vote || vote.slot >= budget || typeof cardId !== 'string' || !cardsById.has(cardId)) return
    votesBy.set(vote.voter, [...(votesBy.get(vote.voter) ?? []), cardId])
    const root = rootOf(cardsById, cardId)
    counts.set(root, (counts.get(root) ?? 0) + 1)
  })
  const all = [...cardsById.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
  const roots = new Map(all.map((card) => [card.id, rootOf(cardsById, card.id)]))
  const mergedInto = new Map<string, Card[]>()
  for (const card of all) {
    const root = roots.get(card.id)!
    if (root !== card.id) mergedInto.set(root, [...(mergedInto.get(root) ?? []), card])
  }
  const cards = all
    .filter((card) => roots.get(card.id) === card.id)
    .map((card): CardView => ({ ...card, votes: counts.get(card.id) ?? 0, merged: mergedInto.get(card.id) ?? [] }))
  const voters = new Set([...all.map((c) => c.by), ...votesBy.keys()])
  const organizations = [...new Set(all.flatMap((c) => (c.author?.org ? [c.author.org] : [])))].sort((a, b) => a.localeCompare(b))
  return { setup: setup.success ? setup.data : null, state, cards, cardsById, votesBy, participants: voters.size, organizations }
}

/** Seconds left in the current segment at `now`, or null when none runs. */
export const segmentLeft = (view: Pick<WorkshopView, 'setup' | 'state'>, now: number): number | null => {
  const { segment } = view.state
  const planned = segment ? view.setup?.agenda[segment.index] : undefined
  if (!segment || !planned) return null
  return Math.max(0, Math.round((segment.startedAt + planned.minutes * 60_000 - now) / 1000))
}

/** A room's join code: 8 letters and digits that cannot be mistaken for each other when read off a projector. */
export const JOIN_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const JoinCode = z.string().regex(new RegExp(`^[${JOIN_ALPHABET}]{8}$`), 'a join code is 8 letters and digits')

/** How long a participant's own invite from a join code lasts: the workshop, and a few days to review. */
export const MAX_JOIN_DAYS = 7

/** What a facilitator sets for the room's join code: the role participants get. */
export const JoinCodeInput = z.object({ role: z.enum(['commenter', 'viewer']).default('commenter'), days: z.number().positive().max(MAX_JOIN_DAYS).default(3) }).strict()

/** What a participant types on the join page: their name and organization. */
export const JoinInput = z.object({ code: JoinCode, name: Person.shape.name, org: z.string().trim().max(200).default('') }).strict()
export type JoinInput = z.input<typeof JoinInput>

export const JoinCodeRecord = z.object({ code: JoinCode, planId: Id, workshopId: Id, role: z.enum(['commenter', 'viewer']), expiresAt: z.number().int(), createdAt: z.number().int() })
export type JoinCodeRecord = z.infer<typeof JoinCodeRecord>
