import { useTranslation } from 'react-i18next'
import { ACTION_STATUSES, NO_FILTER, STAKEHOLDER_KINDS, type ActionFilter, type PlanView } from '../../../shared/index.js'

/** The filter bar of the table; every control is labelled and changes the filter at once. */
export const TableFilters = ({ plan, filter, onChange }: { plan: PlanView; filter: ActionFilter; onChange: (f: ActionFilter) => void }) => {
  const { t } = useTranslation()
  const set = (patch: Partial<ActionFilter>) => onChange({ ...filter, ...patch })
  const countries = [...new Set([...plan.meta.countries, ...plan.actions.flatMap((a) => a.countries)])].sort()
  return (
    <div className="filters" role="search">
      <label className="field grow">
        <span>{t('table.search')}</span>
        <input type="search" value={filter.text} onChange={(e) => set({ text: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('columns.area')}</span>
        <select value={filter.areaId ?? ''} onChange={(e) => set({ areaId: e.target.value || null })}>
          <option value="">{t('table.anyArea')}</option>
          {plan.areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('columns.status')}</span>
        <select value={filter.status ?? ''} onChange={(e) => set({ status: (e.target.value || null) as ActionFilter['status'] })}>
          <option value="">{t('table.anyStatus')}</option>
          {ACTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('columns.owner')}</span>
        <select value={filter.ownerId ?? ''} onChange={(e) => set({ ownerId: e.target.value || null })}>
          <option value="">{t('table.anyOwner')}</option>
          {plan.stakeholders.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('stakeholders.kind')}</span>
        <select value={filter.ownerKind ?? ''} onChange={(e) => set({ ownerKind: (e.target.value || null) as ActionFilter['ownerKind'] })}>
          <option value="">{t('table.anyKind')}</option>
          {STAKEHOLDER_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('stakeholders.country')}</span>
        <select value={filter.country ?? ''} onChange={(e) => set({ country: e.target.value || null })}>
          <option value="">{t('table.anyCountry')}</option>
          {countries.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={filter.overdueOnly} onChange={(e) => set({ overdueOnly: e.target.checked })} />
        {t('table.overdueOnly')}
      </label>
      <button type="button" onClick={() => onChange(NO_FILTER)}>
        {t('table.clear')}
      </button>
    </div>
  )
}
