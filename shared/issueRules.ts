import type { z } from 'zod'

/**
 * What a refused value breaks, as a catalogue key (`validation.<key>`) and its values: the
 * schema's own messages are English and name zod's types, so the UI says instead, in the
 * reader's language, what is accepted.
 */
export interface IssueRule {
  key: 'required' | 'tooLong' | 'progress' | 'number' | 'country' | 'dueBeforeStart' | 'name' | 'days' | 'duplicateStakeholder' | 'lastArea'
    | 'formula' | 'unknownValue' | 'date' | 'unknownOrganization' | 'indicator' | 'invalid' | 'noVotesLeft' | 'votingClosed' | 'workshopClosed' | 'questionHasCards'
  values?: Record<string, string | number>
}

const MEASURES = new Set(['baseline', 'target', 'current'])

export const ruleOf = (issue: z.core.$ZodIssue): IssueRule => {
  const field = String(issue.path.at(-1) ?? '')
  if (field === 'progress') return { key: 'progress' }
  if (field === 'days') return { key: 'days' }
  if (MEASURES.has(field)) return { key: 'number' }
  if (field === 'country' || issue.path.includes('countries')) return { key: 'country' }
  if (field === 'due' && issue.code === 'custom') return { key: 'dueBeforeStart' }
  if (field === 'name' && !(issue.code === 'too_big' && issue.origin === 'string')) return { key: 'name' }
  if (issue.code === 'too_big' && issue.origin === 'string') return { key: 'tooLong', values: { max: Number(issue.maximum) } }
  if (issue.code === 'too_small' && issue.origin === 'string') return { key: 'required' }
  return { key: 'invalid' }
}
