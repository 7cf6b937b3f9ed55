import { generateKeyBetween } from 'fractional-indexing'

/**
 * The order key for a slot at `index` in a list sorted by key. Two people inserting at the
 * same slot at once can mint the same key; readers break such ties by id, and this skips
 * over equal keys so that a later move never asks for a key between two equal ones.
 */
export const orderKeyAt = (sortedKeys: readonly string[], index: number): string => {
  const at = Math.max(0, Math.min(index, sortedKeys.length))
  const before = at > 0 ? sortedKeys[at - 1] ?? null : null
  let after: string | null = null
  for (let i = at; i < sortedKeys.length; i++) {
    const key = sortedKeys[i] ?? null
    if (key !== null && (before === null || key > before)) {
      after = key
      break
    }
  }
  return generateKeyBetween(before, after)
}
