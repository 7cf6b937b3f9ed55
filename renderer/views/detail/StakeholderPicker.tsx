import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { foldText, type Read, type Stakeholder } from '../../../shared/index.js'

/** Picks organizations from the plan's directory: a filter box over a list of checkboxes. */
export const StakeholderPicker = ({
  legend,
  stakeholders,
  selected,
  onChange,
}: {
  legend: string
  stakeholders: Read<Stakeholder>[]
  selected: string[]
  onChange: (ids: string[]) => void
}) => {
  const { t } = useTranslation()
  const [query, setQuery] = useState('')
  const needle = foldText(query.trim())
  const shown = stakeholders.filter((s) => !needle || foldText(s.name).includes(needle) || selected.includes(s.id))
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((x) => x !== id))
  return (
    <fieldset className="field-group picker">
      <legend>{legend}</legend>
      {stakeholders.length === 0 ? (
        <p className="muted">{t('action.noStakeholders')}</p>
      ) : (
        <>
          {stakeholders.length > 8 && (
            <label className="field">
              <span className="sr-only">{`${t('action.filterStakeholders')} (${legend})`}</span>
              <input type="search" placeholder={t('action.filterStakeholders')} value={query} onChange={(e) => setQuery(e.target.value)} />
            </label>
          )}
          <ul className="picker-list">
            {shown.map((s) => (
              <li key={s.id}>
                <label className="checkbox">
                  <input type="checkbox" checked={selected.includes(s.id)} onChange={(e) => toggle(s.id, e.target.checked)} />
                  <span>
                    {s.name}
                    <span className="muted">
                      {' '}
                      · {t(`kind.${s.kind}`)}
                      {s.country ? ` · ${s.country}` : ''}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
    </fieldset>
  )
}
