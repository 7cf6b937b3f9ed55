import { useTranslation } from 'react-i18next'
import type { CommandResult, FieldIssue } from '../../shared/index.js'

/** Says, in the reader's language, what a refused value breaks and what is accepted. */
export const useIssueText = () => {
  const { t } = useTranslation()
  const issueText = (issue: FieldIssue): string => t(`validation.${issue.rule.key}`, issue.rule.values)
  /** The first reason a command refused its input, or null when it succeeded. */
  const resultText = (result: CommandResult<unknown>): string | null => {
    if (result.ok) return null
    const first = result.error.issues[0]
    return first ? issueText(first) : t('validation.invalid')
  }
  return { issueText, resultText }
}
