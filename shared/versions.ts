import * as Y from 'yjs'
import { z } from 'zod'
import { canonicalJson } from './canonical.js'
import { readDiscussion, type DiscussionView } from './discussion.js'
import { planMaps } from './layout.js'
import { checkChain, HASH_BYTES, toHex, type Sha256 } from './logChain.js'
import { readPlan, type PlanView } from './read.js'
import { discussionRoom, planRoom } from './rooms.js'
import { Id, IsoDate } from './schema.js'

/**
 * A version is a named point in a plan's log ("adopted at the Final Regional Workshop,
 * Phnom Penh, 11 February 2025"): the plan's and the discussion's chain heads at that
 * point, so that the state it names can be rebuilt and checked by anyone holding the log.
 */
export const VersionInput = z
  .object({
    name: z.string().trim().min(1, 'a name is required').max(200),
    adoptedOn: IsoDate,
    place: z.string().trim().max(200).default(''),
    note: z.string().trim().max(2_000).default(''),
  })
  .strict()
export type VersionInput = z.input<typeof VersionInput>

const Hex = z.string().regex(new RegExp(`^[0-9a-f]{${HASH_BYTES * 2}}$`), 'a SHA-256 hash in hex')

/** The point in a room's log a version names: its last update's number and chain hash (0 and zeros for an empty log). */
export const LogPoint = z.object({ seq: z.number().int().nonnegative(), head: Hex })
export type LogPoint = z.infer<typeof LogPoint>

export const Version = VersionInput.extend({
  id: z.string().uuid(),
  planId: Id,
  plan: LogPoint,
  discussion: LogPoint,
  createdAt: z.number().int(),
  /** Who adopted it, as the server knows the token: never what a client wrote. */
  createdBy: z.object({ name: z.string(), org: z.string() }),
})
export type Version = z.infer<typeof Version>

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64')
const FileLink = z.object({ seq: z.number().int().positive(), at: z.number().int(), author: z.string().nullable(), update: Base64, hash: Hex })

/** What "export for verification" writes: the version and every update up to it, with their chains. */
export const VersionFile = z
  .object({
    format: z.literal('jointplan-version-v1'),
    version: Version,
    plan: z.array(FileLink),
    discussion: z.array(FileLink),
    /** The names behind the token ids, as the server had them when the file was written. */
    authors: z.record(z.string(), z.object({ name: z.string(), org: z.string() })),
  })
  .strict()
export type VersionFile = z.infer<typeof VersionFile>

const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))
export const toBase64 = (bytes: Uint8Array): string => {
  let text = ''
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(text)
}
const fromHex = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16))

const decode = (links: VersionFile['plan']) => links.map((link) => ({ ...link, update: fromBase64(link.update), hash: fromHex(link.hash) }))

/** A doc from a file's updates; an altered update may not even decode, and the rest is still rebuilt. */
const rebuild = (links: readonly { seq: number; update: Uint8Array }[], unreadable: (seq: number) => void): Y.Doc => {
  const doc = new Y.Doc()
  doc.transact(() => {
    for (const link of links) {
      try {
        Y.applyUpdate(doc, link.update)
      } catch {
        unreadable(link.seq)
      }
    }
  })
  return doc
}

/** The plan and its discussion as a version holds them, to show read-only (the chain is `verifyVersion`'s to check). */
export const versionState = (file: VersionFile): { plan: PlanView; discussion: DiscussionView } => {
  const planDoc = rebuild(decode(file.plan), () => undefined)
  const discussionDoc = rebuild(decode(file.discussion), () => undefined)
  const state = { plan: readPlan(planDoc), discussion: readDiscussion(discussionDoc) }
  planDoc.destroy()
  discussionDoc.destroy()
  return state
}

export interface VersionReport {
  ok: boolean
  /** Each room's check, or where it fails. */
  problems: string[]
  /** SHA-256 of the plan's content at the version (canonical JSON of its maps): equal content, equal hash. */
  contentHash: string | null
  title: string | null
  actions: number
  /** Each organization's verdicts at the version. */
  verdicts: { actionTitle: string; org: string; verdict: string; note: string; by: string }[]
}

/**
 * Checks a version file on its own: both chains link up from their first update to the
 * heads the version names, and rebuilds the plan and its discussion from those updates.
 */
export const verifyVersion = async (file: VersionFile, sha256: Sha256): Promise<VersionReport> => {
  const problems: string[] = []
  const { version } = file
  const rooms = [
    { room: planRoom(version.planId), links: file.plan, point: version.plan, label: 'plan' },
    { room: discussionRoom(version.planId), links: file.discussion, point: version.discussion, label: 'discussion' },
  ]
  const docs: Y.Doc[] = []
  for (const { room, links, point, label } of rooms) {
    const decoded = decode(links)
    const check = await checkChain(room, decoded, sha256)
    if (!check.ok) problems.push(`${label}: ${check.problem}`)
    else if (check.length !== point.seq) problems.push(`${label}: the version names update ${point.seq}, the file holds ${check.length}`)
    else if (toHex(check.head) !== point.head) problems.push(`${label}: the chain ends at ${toHex(check.head)}, the version names ${point.head}`)
    docs.push(rebuild(decoded, (seq) => problems.push(`${label}: update ${seq} cannot be read`)))
  }
  const [planDoc, discussionDoc] = docs as [Y.Doc, Y.Doc]
  const maps = planMaps(planDoc)
  const content = canonicalJson({ meta: maps.meta.toJSON(), areas: maps.areas.toJSON(), stakeholders: maps.stakeholders.toJSON(), actions: maps.actions.toJSON() })
  const contentHash = toHex(await sha256(new TextEncoder().encode(content)))
  const plan = readPlan(planDoc)
  const titles = new Map(plan.actions.map((a) => [a.id, a.title]))
  const verdicts = [...readDiscussion(discussionDoc).verdictsByAction.values()].flat().map((v) => ({
    actionTitle: titles.get(v.actionId) ?? v.actionId,
    org: v.org,
    verdict: v.verdict,
    note: v.note,
    by: v.by.name,
  }))
  docs.forEach((doc) => doc.destroy())
  return { ok: problems.length === 0, problems, contentHash, title: plan.meta.title, actions: plan.actions.length, verdicts }
}
