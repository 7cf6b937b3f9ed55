import * as Y from 'yjs'
import { mayWrite, type Identity } from '../shared/access.js'
import { parseVoteKey, WORKSHOP_ROOTS, workshopMaps } from '../shared/workshop.js'
import { ShadowDoc, type Touched } from './ShadowDoc.js'

/** Card fields nobody changes once posted: who posted it and when. */
const FIXED = new Set(['by', 'author', 'createdAt'])
/** What a participant may set when posting a card; the rest is the facilitator's, and starts as here. */
const POSTED = new Set(['questionId', 'text', 'lang', 'by', 'author', 'createdAt'])
const UNTOUCHED: Record<string, unknown> = { mergedInto: null, reworded: false, consent: false, actionId: null }

const samePerson = (value: unknown, writer: Identity): boolean =>
  value instanceof Object && (value as { name?: unknown }).name === writer.name && ((value as { org?: unknown }).org ?? '') === writer.org

/**
 * Who may write what in a workshop, proven by the server from the token. The facilitator
 * (an owner or editor of the plan) runs the session and edits, merges and converts cards;
 * a participant posts cards as their invite and votes as their invite, within the
 * session's budget and while voting is open. Each vote is a slot `<token id>/<n>`, so a
 * budget is enforced by refusing a slot past it, whether the vote was cast online or
 * offline. A closed session takes no more writes.
 */
export class WorkshopGuard {
  private readonly shadow: ShadowDoc

  constructor(parts: readonly Uint8Array[]) {
    this.shadow = new ShadowDoc(parts, WORKSHOP_ROOTS)
  }

  admit(update: Uint8Array, writer: Identity): string | null {
    const before = this.snapshot()
    const touched = this.shadow.apply(update)
    const refusal = before.closed ? 'this workshop session is closed' : this.check(touched, writer, before)
    if (refusal) {
      this.shadow.rollback()
      return refusal
    }
    this.shadow.accept(update)
    return null
  }

  /** An update another instance admitted and stored: taken as it is, so that later writes are judged against it. */
  take(update: Uint8Array): void {
    this.shadow.apply(update)
    this.shadow.accept(update)
  }

  destroy(): void {
    this.shadow.destroy()
  }

  private snapshot() {
    const { session, cards } = workshopMaps(this.shadow.doc)
    const posters = new Map<string, unknown>()
    cards.forEach((card, id) => posters.set(id, card instanceof Y.Map ? card.get('by') : undefined))
    return { closed: session.get('closed') === true, voting: session.get('voting') === true, posters }
  }

  private check(touched: Touched, writer: Identity, before: ReturnType<WorkshopGuard['snapshot']>): string | null {
    if (touched.has(null)) return 'a workshop holds its session, cards and votes only'
    const facilitator = mayWrite(writer.role, 'plan')
    if (touched.has('session') && !facilitator) return 'only the facilitator (an owner or editor of the plan) runs the session'
    const { session, cards, votes } = workshopMaps(this.shadow.doc)
    if ((touched.has('cards') || touched.has('votes')) && typeof session.get('title') !== 'string') return 'no workshop session has been opened here'
    for (const [id, fields] of touched.get('cards') ?? []) {
      const card = cards.get(id)
      const poster = before.posters.get(id)
      if (poster === undefined) {
        // A new card: posted by the writer, as the writer (or unnamed in an anonymous session).
        if (!(card instanceof Y.Map)) continue
        if (card.get('by') !== writer.tokenId) return 'a card must carry the invite that posts it'
        const author = card.get('author')
        if (!(author === null && session.get('anonymous') === true) && !samePerson(author, writer)) return 'a card must carry the name and organization of the invite that posts it'
        if (!facilitator && [...card.keys()].some((key) => !POSTED.has(key) && !(key in UNTOUCHED && UNTOUCHED[key] === card.get(key)))) return 'only the facilitator merges, rewords or converts cards'
        continue
      }
      if (fields === null) {
        if (card !== undefined) return 'a card cannot be replaced'
        if (!facilitator && poster !== writer.tokenId) return 'a card can be removed only by its poster or the facilitator'
        continue
      }
      if ([...fields].some((field) => FIXED.has(field) || field === '*')) return 'who posted a card, and when, cannot change'
      if (!facilitator && (poster !== writer.tokenId || [...fields].some((field) => field !== 'text'))) return 'a participant changes only the wording of their own cards'
    }
    const budget = session.get('votesPerPerson')
    for (const key of touched.get('votes')?.keys() ?? []) {
      const vote = parseVoteKey(key)
      if (!vote || vote.voter !== writer.tokenId) return 'a vote is cast only by its own invite'
      if (!before.voting) return 'voting is not open'
      if (typeof budget !== 'number' || vote.slot >= budget) return `each participant has ${String(budget)} votes`
      const card = votes.get(key)
      if (card !== undefined && !cards.has(card)) return 'a vote must be for a card of this session'
    }
    return null
  }
}
