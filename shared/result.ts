import type { z } from 'zod'
import { ruleOf, type IssueRule } from './issueRules.js'

/** A field that failed its schema, by path: the schema's message (for logs) and the rule a person is shown. */
export interface FieldIssue {
  path: string
  message: string
  rule: IssueRule
}

export type CommandError =
  | { code: 'invalid'; message: string; issues: FieldIssue[] }
  | { code: 'not_found'; message: string; issues: FieldIssue[] }

export type CommandResult<T> = { ok: true; value: T } | { ok: false; error: CommandError }

export const ok = <T>(value: T): CommandResult<T> => ({ ok: true, value })

export const notFound = (what: string, id: string): CommandResult<never> => ({
  ok: false,
  error: { code: 'not_found', message: `${what} ${id} does not exist`, issues: [] },
})

export const toIssues = (error: z.ZodError): FieldIssue[] =>
  error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message, rule: ruleOf(issue) }))

/** A refusal that no schema can see (a duplicate, the last area): one field, its rule and why. */
export const refused = (path: string, message: string, rule: IssueRule): CommandResult<never> => ({
  ok: false,
  error: { code: 'invalid', message: `${path}: ${message}`, issues: [{ path, message, rule }] },
})

export const invalid = (error: z.ZodError): CommandResult<never> => {
  const issues = toIssues(error)
  return {
    ok: false,
    error: { code: 'invalid', message: issues.map((i) => `${i.path || 'input'}: ${i.message}`).join('; '), issues },
  }
}
