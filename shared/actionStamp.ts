import { canonicalJson } from './canonical.js'
import type { Action } from './schema.js'

/** Where an action sits on the board is not what a reviewer reviewed. */
const UNREVIEWED = new Set(['order', 'deleted', 'invalid', 'translations'])

/**
 * A fingerprint of what a reviewer sees of an action (its fields, indicators included;
 * not its place on the board), kept with a verdict: when the action changes later, the
 * verdict shows as given on an earlier version. FNV-1a over canonical JSON: a label, not
 * a proof (the log's chain is the proof).
 */
export const actionStamp = (action: Action): string => {
  const reviewed = Object.fromEntries(Object.entries(action).filter(([key]) => !UNREVIEWED.has(key)))
  let hash = 0x811c9dc5
  for (const char of canonicalJson(reviewed)) {
    hash ^= char.codePointAt(0)!
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}

/** Whether a verdict was given on an earlier version of its action (unknown for verdicts given before stamps existed). */
export const givenOnEarlierVersion = (verdict: { actionStamp?: string | undefined }, action: Action): boolean =>
  verdict.actionStamp !== undefined && verdict.actionStamp !== actionStamp(action)
