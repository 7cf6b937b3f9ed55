import type { CommandResult } from '../../shared/index.js'

/** The value of a command that must succeed in a test's setup; its error otherwise. */
export const must = <T>(result: CommandResult<T>): T => {
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}
