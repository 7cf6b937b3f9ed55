import { newId } from '../ids.js'

/** What a command may need from outside: ids and the clock, injectable so tests are repeatable. */
export interface CommandContext {
  newId?: () => string
  now?: () => Date
}

export const idFrom = (ctx: CommandContext): string => (ctx.newId ?? newId)()
export const nowFrom = (ctx: CommandContext): Date => (ctx.now ?? (() => new Date()))()
