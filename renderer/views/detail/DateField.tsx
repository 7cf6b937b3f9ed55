import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandResult, FieldIssue } from '../../../shared/index.js'
import { useIssueText } from '../../hooks/useIssueText.js'

interface Parts {
  day: string
  month: string
  year: string
}

const partsOf = (iso: string | null): Parts => {
  const [year = '', month = '', day = ''] = iso ? iso.split('-') : []
  return { year, month: month ? String(Number(month)) : '', day: day ? String(Number(day)) : '' }
}

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate()

type Checked = { state: 'empty' } | { state: 'incomplete' } | { state: 'year' } | { state: 'impossible' } | { state: 'valid'; iso: string }

const check = ({ day, month, year }: Parts): Checked => {
  if (!day && !month && !year) return { state: 'empty' }
  if (year && !/^\d{1,4}$/.test(year)) return { state: 'year' }
  if (!day || !month || year.length < 4) return { state: 'incomplete' }
  const y = Number(year)
  if (y < 2000 || y > 2100) return { state: 'year' }
  if (Number(day) > daysIn(y, Number(month))) return { state: 'impossible' }
  return { state: 'valid', iso: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` }
}

/**
 * A date as day, month (named in the reader's language) and year: the browser's date box
 * follows the browser's language, not the app's, and erased the stored date when one part
 * was cleared. Here a date is written only when the three parts make a real one; an
 * impossible one (30 February) stays on screen with the reason, the saved date unchanged;
 * only "Clear" removes it.
 */
export const DateField = ({ label, value, commit, stored }: { label: string; value: string | null; commit: (iso: string | null) => CommandResult<unknown>; stored?: FieldIssue }) => {
  const { t, i18n } = useTranslation()
  const { issueText, resultText } = useIssueText()
  const id = useId()
  const [parts, setParts] = useState<Parts>(() => partsOf(value))
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    setParts(partsOf(value))
    setError(null)
  }, [value])
  const months = useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' })
    return Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2001, i, 1))))
  }, [i18n.language])

  /** What is wrong with the parts as they are, or null; checked on every change, written only by `save`. */
  const problem = (next: Parts): string | null => {
    const checked = check(next)
    if (checked.state === 'impossible') return t('validation.dateInvalid', { day: next.day, month: months[Number(next.month) - 1] ?? '', year: next.year })
    if (checked.state === 'year') return t('validation.year')
    if (checked.state === 'incomplete') return t('validation.dateIncomplete')
    return null
  }
  const change = (patch: Partial<Parts>) => {
    const next = { ...parts, ...patch }
    setParts(next)
    setError(problem(next))
  }
  // Written when the person leaves the date (or presses Enter), so that choosing the day
  // before the month never stores a date on the way (31 January on the way to 31 March).
  const save = () => {
    const checked = check(parts)
    if (checked.state !== 'valid' || checked.iso === value) return
    setError(resultText(commit(checked.iso)))
  }
  const message = error ?? (stored ? t('action.invalidStored', { message: issueText(stored) }) : null)

  return (
    <fieldset
      className="field date-field"
      aria-describedby={message ? `${id}-msg` : undefined}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) save()
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Enter') return
        // Enter takes the date; it does not also submit a surrounding form, which would send the date from before.
        e.preventDefault()
        save()
      }}
    >
      <legend className="label">{label}</legend>
      <div className="date-parts">
        <label>
          <span className="sr-only">{`${label}: ${t('date.day')}`}</span>
          <select value={parts.day} onChange={(e) => change({ day: e.target.value })} aria-invalid={!!message}>
            <option value="">{t('date.day')}</option>
            {Array.from({ length: 31 }, (_, i) => String(i + 1)).map((d) => (
              <option key={d} value={d}>{d}</option>
            ))}
          </select>
        </label>
        <label>
          <span className="sr-only">{`${label}: ${t('date.month')}`}</span>
          <select value={parts.month} onChange={(e) => change({ month: e.target.value })} aria-invalid={!!message}>
            <option value="">{t('date.month')}</option>
            {months.map((name, i) => (
              <option key={name} value={String(i + 1)}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          <span className="sr-only">{`${label}: ${t('date.year')}`}</span>
          <input
            inputMode="numeric"
            className="date-year"
            placeholder={t('date.year')}
            value={parts.year}
            maxLength={4}
            aria-invalid={!!message}
            onChange={(e) => change({ year: e.target.value.trim() })}
          />
        </label>
        {value && (
          <button type="button" onClick={() => { setParts(partsOf(null)); setError(resultText(commit(null))) }}>
            {t('date.clear')}
          </button>
        )}
      </div>
      {message && (
        <p id={`${id}-msg`} className="field-error" role="alert">
          {message}
        </p>
      )}
    </fieldset>
  )
}
