import * as Y from 'yjs'
import { z } from 'zod'
import { idFrom, nowFrom, type CommandContext } from './commands/context.js'
import { commandOrigin, mapFromRecord, writeFields } from './layout.js'
import { readEntity, type Read } from './read.js'
import { invalid, notFound, ok, type CommandResult } from './result.js'
import { Comment, Id, Person, Review, Thread, Verdict } from './schema.js'

/**
 * The discussion of a plan lives in its own doc (room `plan/<id>/discussion`), so that a
 * commenter can write there while the plan stays read-only to them. Threads and comments
 * are keyed by id; verdicts by action and organization, so each organization has one.
 */
export const discussionMaps = (doc: Y.Doc) => ({
  threads: doc.getMap<Y.Map<unknown>>('threads'),
  comments: doc.getMap<Y.Map<unknown>>('comments'),
  verdicts: doc.getMap<Y.Map<unknown>>('verdicts'),
})

const verdictKey = (actionId: string, org: string): string => `${actionId}|${org}`

/** The organization a person's verdict speaks for: their organization, or their name when they have none. */
export const verdictOrg = (by: { name: string; org: string }): string => by.org || by.name

const NewThread = z.object({ actionId: Id, body: z.string(), author: Person }).strict()
const NewReply = z.object({ body: z.string(), author: Person }).strict()
const NewVerdict = z.object({ actionId: Id, verdict: Verdict, note: z.string().max(20_000).default(''), by: Person, actionStamp: Review.shape.actionStamp }).strict()

export const startThread = (doc: Y.Doc, input: z.input<typeof NewThread>, ctx: CommandContext = {}): CommandResult<{ threadId: string }> => {
  const parsed = NewThread.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const threadId = idFrom(ctx)
  const createdAt = nowFrom(ctx).toISOString()
  const comment = Comment.safeParse({ id: idFrom(ctx), threadId, actionId: parsed.data.actionId, author: parsed.data.author, body: parsed.data.body, createdAt })
  if (!comment.success) return invalid(comment.error)
  const maps = discussionMaps(doc)
  doc.transact(() => {
    maps.threads.set(threadId, mapFromRecord({ actionId: parsed.data.actionId, createdAt, resolved: false }))
    maps.comments.set(comment.data.id, mapFromRecord({ ...comment.data, id: undefined }))
  }, commandOrigin('startThread'))
  return ok({ threadId })
}

export const replyToThread = (doc: Y.Doc, threadId: string, input: z.input<typeof NewReply>, ctx: CommandContext = {}): CommandResult<{ id: string }> => {
  const parsed = NewReply.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const maps = discussionMaps(doc)
  const thread = maps.threads.get(threadId)
  if (!thread) return notFound('thread', threadId)
  const comment = Comment.safeParse({ id: idFrom(ctx), threadId, actionId: thread.get('actionId'), ...parsed.data, createdAt: nowFrom(ctx).toISOString() })
  if (!comment.success) return invalid(comment.error)
  doc.transact(() => {
    maps.comments.set(comment.data.id, mapFromRecord({ ...comment.data, id: undefined }))
  }, commandOrigin('replyToThread'))
  return ok({ id: comment.data.id })
}

export const setThreadResolved = (doc: Y.Doc, threadId: string, resolved: boolean): CommandResult<{ changed: number }> => {
  const thread = discussionMaps(doc).threads.get(threadId)
  if (!thread) return notFound('thread', threadId)
  let changed = 0
  doc.transact(() => {
    changed = writeFields(thread, { resolved })
  }, commandOrigin('setThreadResolved'))
  return ok({ changed })
}

export const setVerdict = (doc: Y.Doc, input: z.input<typeof NewVerdict>, ctx: CommandContext = {}): CommandResult<{ key: string }> => {
  const parsed = NewVerdict.safeParse(input)
  if (!parsed.success) return invalid(parsed.error)
  const review = Review.safeParse({ ...parsed.data, org: verdictOrg(parsed.data.by), at: nowFrom(ctx).toISOString() })
  if (!review.success) return invalid(review.error)
  const key = verdictKey(review.data.actionId, review.data.org)
  doc.transact(() => {
    discussionMaps(doc).verdicts.set(key, mapFromRecord(review.data))
  }, commandOrigin('setVerdict'))
  return ok({ key })
}

export interface ThreadView {
  thread: Read<Thread>
  comments: Read<Comment>[]
}

export interface DiscussionView {
  /** Threads by action, oldest first, each with its comments oldest first. */
  threadsByAction: Map<string, ThreadView[]>
  /** Verdicts by action, one per organization. */
  verdictsByAction: Map<string, Read<Review>[]>
}

const readMap = <S extends z.ZodType<object>>(map: Y.Map<Y.Map<unknown>>, schema: S): Read<z.output<S>>[] => {
  const out: Read<z.output<S>>[] = []
  map.forEach((entry, id) => {
    const raw = entry instanceof Y.Map ? { ...entry.toJSON(), id } : entry
    const read = readEntity(schema, raw, {})
    if (!Array.isArray(read)) out.push(read)
  })
  return out
}

export const readDiscussion = (doc: Y.Doc): DiscussionView => {
  const maps = discussionMaps(doc)
  const comments = readMap(maps.comments, Comment).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  const threadsByAction = new Map<string, ThreadView[]>()
  const byThread = new Map<string, Read<Comment>[]>()
  for (const c of comments) byThread.set(c.threadId, [...(byThread.get(c.threadId) ?? []), c])
  for (const thread of readMap(maps.threads, Thread).sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    threadsByAction.set(thread.actionId, [...(threadsByAction.get(thread.actionId) ?? []), { thread, comments: byThread.get(thread.id) ?? [] }])
  }
  const verdictsByAction = new Map<string, Read<Review>[]>()
  const verdicts = readMap(maps.verdicts, Review.extend({ id: z.string() }))
  for (const v of verdicts) verdictsByAction.set(v.actionId, [...(verdictsByAction.get(v.actionId) ?? []), v])
  return { threadsByAction, verdictsByAction }
}
