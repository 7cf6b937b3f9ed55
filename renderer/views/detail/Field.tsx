import { useEffect, useId, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandResult, FieldIssue } from '../../../shared/index.js'
import { useIssueText } from '../../hooks/useIssueText.js'

type Commit = (value: string) => CommandResult<unknown>

/** The message shown under a field, and what was wrong with the stored value, if anything. */
const FieldMessages = ({ id, error, stored }: { id: string; error: string | null; stored: FieldIssue | undefined }) => {
  const { t } = useTranslation()
  const { issueText } = useIssueText()
  return (
    <>
      {error && (
        <p id={id} className="field-error" role="alert">
          {error}
        </p>
      )}
      {!error && stored && (
        <p id={id} className="field-error">
          {t('action.invalidStored', { message: issueText(stored) })}
        </p>
      )}
    </>
  )
}

/**
 * A text, number or date input that writes through a command when it loses focus or on
 * Enter. A value the schema refuses stays in the box with the reason under it; a value
 * someone else writes meanwhile shows up unless this person is typing.
 */
export const InputField = ({
  label,
  value,
  commit,
  stored,
  type = 'text',
  min,
  max,
  multiline = false,
  lang,
}: {
  label: string
  value: string
  commit: Commit
  stored?: FieldIssue
  type?: 'text' | 'number'
  min?: number
  max?: number
  /** A paragraph rather than a line; Enter then starts a new line, leaving the box saves. */
  multiline?: boolean
  /** The language of the text in the box, when it is not the interface's. */
  lang?: string
}) => {
  const id = useId()
  const { resultText } = useIssueText()
  const [draft, setDraft] = useState(value)
  const [error, setError] = useState<string | null>(null)
  const [focused, setFocused] = useState(false)
  useEffect(() => {
    if (!focused && !error) setDraft(value)
  }, [value, focused, error])
  const save = () => {
    if (draft === value) return setError(null)
    setError(resultText(commit(draft)))
  }
  const shared = {
    id,
    lang,
    value: draft,
    'aria-invalid': !!error || !!stored,
    'aria-describedby': error || stored ? `${id}-msg` : undefined,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onFocus: () => setFocused(true),
    onBlur: () => {
      setFocused(false)
      save()
    },
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea {...shared} rows={3} /> : (
        <input
          {...shared}
          type={type}
          min={min}
          max={max}
          onKeyDown={(e) => {
            if (e.key === 'Enter') save()
            if (e.key === 'Escape') {
              setDraft(value)
              setError(null)
            }
          }}
        />
      )}
      <FieldMessages id={`${id}-msg`} error={error} stored={stored} />
    </div>
  )
}

/** A select that writes as soon as the choice changes. */
export const SelectField = ({
  label,
  value,
  commit,
  stored,
  options,
}: {
  label: string
  value: string
  commit: Commit
  stored?: FieldIssue
  options: { value: string; label: string }[]
}) => {
  const id = useId()
  const { resultText } = useIssueText()
  const [error, setError] = useState<string | null>(null)
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={!!error || !!stored}
        aria-describedby={error || stored ? `${id}-msg` : undefined}
        onChange={(e) => setError(resultText(commit(e.target.value)))}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessages id={`${id}-msg`} error={error} stored={stored} />
    </div>
  )
}

export const FieldGroup = ({ legend, children }: { legend: string; children: ReactNode }) => (
  <fieldset className="field-group">
    <legend>{legend}</legend>
    {children}
  </fieldset>
)
