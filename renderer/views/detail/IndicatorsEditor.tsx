import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { addIndicator, indicatorProgress, removeIndicator, updateIndicator, type Action, type Read } from '../../../shared/index.js'
import { formatPercent } from '../../format.js'
import { InputField } from './Field.js'

const toMeasure = (text: string): number | null => (text.trim() === '' ? null : Number(text))

/** The action's indicators, each edited in place, with progress from baseline to target. */
export const IndicatorsEditor = ({ doc, action }: { doc: Y.Doc; action: Read<Action> }) => {
  const { t, i18n } = useTranslation()
  return (
    <section className="indicators" aria-labelledby="indicators-heading">
      <h2 id="indicators-heading">{t('action.indicators')}</h2>
      {action.indicators.map((indicator) => {
        const progress = indicatorProgress(indicator)
        const update = (patch: Parameters<typeof updateIndicator>[3]) => updateIndicator(doc, action.id, indicator.id, patch)
        return (
          <div key={indicator.id} className="indicator-row" role="group" aria-label={indicator.label}>
            <InputField label={t('indicator.label')} value={indicator.label} commit={(v) => update({ label: v })} />
            <InputField label={t('indicator.unit')} value={indicator.unit} commit={(v) => update({ unit: v })} />
            {(['baseline', 'target', 'current'] as const).map((key) => (
              <InputField
                key={key}
                type="number"
                label={t(`indicator.${key}`)}
                value={indicator[key] == null ? '' : String(indicator[key])}
                commit={(v) => update({ [key]: toMeasure(v) })}
              />
            ))}
            <div className="field">
              <span className="label">{t('indicator.progress')}</span>
              <output>{progress == null ? t('indicator.unknown') : formatPercent(progress, i18n.language)}</output>
            </div>
            <button type="button" className="danger icon" onClick={() => removeIndicator(doc, action.id, indicator.id)} aria-label={t('indicator.remove', { label: indicator.label })}>
              ✕
            </button>
          </div>
        )
      })}
      <button type="button" onClick={() => addIndicator(doc, action.id, { label: t('indicator.newLabel') })}>
        + {t('indicator.add')}
      </button>
    </section>
  )
}
