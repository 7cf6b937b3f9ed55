import { useTranslation } from 'react-i18next'
import { LabeledSelect } from '../../components/LabeledSelect.js'
import { ACTION_STATUSES, NO_FILTER, STAKEHOLDER_KINDS, type ActionFilter, type PlanView } from '../../../shared/index.js'
import { useLocalize } from '../../hooks/useLocalize.js'

/** The filter bar of the table; every control is labelled and changes the filter at once. */
export const TableFilters = ({ plan, filter, onChange }: { plan: PlanView; filter: ActionFilter; onChange: (f: ActionFilter) => void }) => {
  const { t } = useTranslation()
  const localized = useLocalize(plan.meta)
  const set = (patch: Partial<ActionFilter>) => onChange({ ...filter, ...patch })
  const countries = [...new Set([...plan.meta.countries, ...plan.actions.flatMap((a) => a.countries)])].sort()
  return (
    <div className="filters" role="search">
      <label className="field grow">
        <span>{t('table.search')}</span>
        <input type="search" value={filter.text} onChange={(e) => set({ text: e.target.value })} />
      </label>
      <LabeledSelect label={t('columns.area')} value={filter.areaId ?? ''} onChange={(v) => set({ areaId: v || null })}>
        <option value="">{t('table.anyArea')}</option>
        {plan.areas.map((a) => (
          <option key={a.id} value={a.id}>
            {localized(a)}
          </option>
        ))}
      </LabeledSelect>
      <LabeledSelect label={t('columns.status')} value={filter.status ?? ''} onChange={(v) => set({ status: (v || null) as ActionFilter['status'] })}>
        <option value="">{t('table.anyStatus')}</option>
        {ACTION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`status.${s}`)}
          </option>
        ))}
      </LabeledSelect>
      <LabeledSelect label={t('columns.owner')} value={filter.ownerId ?? ''} onChange={(v) => set({ ownerId: v || null })}>
        <option value="">{t('table.anyOwner')}</option>
        {plan.stakeholders.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </LabeledSelect>
      <LabeledSelect label={t('table.ownerKind')} value={filter.ownerKind ?? ''} onChange={(v) => set({ ownerKind: (v || null) as ActionFilter['ownerKind'] })}>
        <option value="">{t('table.anyKind')}</option>
        {STAKEHOLDER_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`kind.${k}`)}
          </option>
        ))}
      </LabeledSelect>
      <LabeledSelect label={t('stakeholders.country')} value={filter.country ?? ''} onChange={(v) => set({ country: v || null })}>
        <option value="">{t('table.anyCountry')}</option>
        {countries.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </LabeledSelect>
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
