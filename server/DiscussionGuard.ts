import * as Y from 'yjs'
import { mayGiveVerdict, type Identity } from '../shared/access.js'
import { verdictOrg } from '../shared/discussion.js'
import { ShadowDoc, type Touched } from './ShadowDoc.js'

/** The discussion doc's roots; anything else is refused. */
const ROOTS = ['threads', 'comments', 'verdicts'] as const

const personKey = (person: unknown): string | null => {
  if (typeof person !== 'object' || person === null) return null
  const { name, org } = person as { name?: unknown; org?: unknown }
  return typeof name === 'string' ? JSON.stringify([name.trim(), typeof org === 'string' ? org : '']) : null
}

/**
 * Authorship in a plan's discussion, proven by the server. The discussion doc is small, so
 * this guard holds it as a Y.Doc and applies each write to it first: the write is taken
 * only if every entry it touches belongs to the writer's invite. A comment is its
 * author's (its `author` must be the invite's name and organization, and only that author
 * may change or delete it); a verdict is its organization's (key, `org` and `by` must be
 * the invite's); a thread is open to every writer to start, resolve or reopen, never to
 * remove (its comments would vanish with it).
 * A refused write leaves the doc as it was before it.
 */
export class DiscussionGuard {
  private readonly shadow: ShadowDoc
  private readonly commentAuthors = new Map<string, string | null>()
  private readonly threads = new Set<string>()

  constructor(parts: readonly Uint8Array[]) {
    this.shadow = new ShadowDoc(parts, ROOTS)
    this.learn()
  }

  /** Applies `update` if `writer` may make every change in it; else the reason it may not. */
  admit(update: Uint8Array, writer: Identity): string | null {
    const touched = this.shadow.apply(update)
    /** Threads set, replaced or removed as a whole, and the fields changed inside existing ones. */
    const threadEntries = new Set<string>()
    const threadFields = new Set<string>()
    for (const [key, fields] of touched.get('threads') ?? []) {
      if (fields === null) threadEntries.add(key)
      else if (this.threads.has(key)) fields.forEach((field) => threadFields.add(field))
    }
    const refusal =
      [...threadEntries].some((key) => this.threads.has(key))
        ? 'a thread cannot be removed or replaced'
        : [...threadFields].some((field) => field !== 'resolved')
          ? 'of a thread, only whether it is resolved can change'
          : this.check(touched, writer)
    if (refusal) {
      this.shadow.rollback()
      this.learn()
      return refusal
    }
    this.keep(update, touched, threadEntries)
    return null
  }

  /** An update another instance admitted and stored: taken as it is, so that later writes are judged against it. */
  take(update: Uint8Array): void {
    const touched = this.shadow.apply(update)
    const threadEntries = new Set([...(touched.get('threads') ?? [])].filter(([, fields]) => fields === null).map(([key]) => key))
    this.keep(update, touched, threadEntries)
  }

  private keep(update: Uint8Array, touched: Touched, threadEntries: Set<string>): void {
    for (const key of touched.get('comments')?.keys() ?? []) this.commentAuthors.set(key, this.authorOf(key))
    for (const key of threadEntries) this.threads.add(key)
    this.shadow.accept(update)
  }

  destroy(): void {
    this.shadow.destroy()
  }

  private check(touched: Touched, writer: Identity): string | null {
    if (touched.has(null)) return 'the discussion holds threads, comments and verdicts only'
    const me = personKey(writer)
    const doc = this.shadow.doc
    for (const key of touched.get('comments')?.keys() ?? []) {
      const before = this.commentAuthors.get(key)
      if (before !== undefined && before !== me) return 'a comment can be changed only by its author'
      const after = doc.getMap('comments').has(key) ? this.authorOf(key) : me
      if (after !== me) return 'a comment must carry the name and organization of the invite that writes it'
    }
    const org = verdictOrg(writer)
    if (touched.has('verdicts') && !mayGiveVerdict(writer.role)) return `a ${writer.role} comments, but gives no organization's verdict`
    for (const key of touched.get('verdicts')?.keys() ?? []) {
      if (key.slice(key.indexOf('|') + 1) !== org) return "an organization's verdict is given only through that organization's invites"
      const entry = doc.getMap('verdicts').get(key)
      if (entry === undefined) continue
      if (!(entry instanceof Y.Map) || entry.get('org') !== org || personKey(entry.get('by')) !== me) {
        return 'a verdict must carry the organization and name of the invite that gives it'
      }
    }
    return null
  }

  private authorOf(key: string): string | null {
    const entry = this.shadow.doc.getMap('comments').get(key)
    return entry instanceof Y.Map ? personKey(entry.get('author')) : null
  }

  /** Who wrote each comment and which threads exist, as the accepted doc holds them. */
  private learn(): void {
    const doc = this.shadow.doc
    this.commentAuthors.clear()
    doc.getMap('comments').forEach((_, key) => this.commentAuthors.set(key, this.authorOf(key)))
    this.threads.clear()
    doc.getMap('threads').forEach((_, key) => this.threads.add(key))
  }
}
