import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { actionsNaming, addStakeholder, removeStakeholder, STAKEHOLDER_KINDS, updateStakeholder, type PlanView, type StakeholderKind } from '../../../shared/index.js'
import { ConfirmDialog } from '../../components/ConfirmDialog.js'
import { LabeledSelect } from '../../components/LabeledSelect.js'
import { useIssueText } from '../../hooks/useIssueText.js'
import { usePlanAccess } from '../../hooks/usePlanAccess.js'
import { InputField, SelectField } from '../detail/Field.js'

/** The organizations of the plan, used by the owner and partner pickers. */
export const StakeholdersView = ({ doc, plan }: { doc: Y.Doc; plan: PlanView }) => {
  const { t } = useTranslation()
  const { canEdit } = usePlanAccess()
  const { issueText } = useIssueText()
  const [name, setName] = useState('')
  const [kind, setKind] = useState<StakeholderKind>('government')
  const [country, setCountry] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [removing, setRemoving] = useState<string | null>(null)
  const kinds = STAKEHOLDER_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))
  const countryOrNull = (v: string) => (v.trim() === '' ? null : v.trim().toUpperCase())

  return (
    <section className="stakeholders" aria-labelledby="stakeholders-heading">
      <h2 id="stakeholders-heading">{t('stakeholders.heading')}</h2>
      {canEdit && (
      <form
        className="card-panel add-stakeholder"
        aria-label={t('stakeholders.add')}
        onSubmit={(e) => {
          e.preventDefault()
          const result = addStakeholder(doc, { name, kind, country: countryOrNull(country) })
          if (!result.ok) return setError(result.error.issues.map(issueText).join(' '))
          setName('')
          setCountry('')
          setError(null)
        }}
      >
        <label className="field grow">
          <span>{t('stakeholders.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <LabeledSelect label={t('stakeholders.kind')} value={kind} onChange={(v) => setKind(v as StakeholderKind)}>
          {kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </LabeledSelect>
        <label className="field">
          <span>{t('stakeholders.country')}</span>
          <input value={country} onChange={(e) => setCountry(e.target.value)} placeholder={t('stakeholders.countryHelp')} size={12} />
        </label>
        <button type="submit" className="primary">
          {t('stakeholders.add')}
        </button>
        {error && <p className="field-error full" role="alert">{error}</p>}
      </form>
      )}
      {plan.stakeholders.length === 0 ? (
        <p className="muted">{t('stakeholders.empty')}</p>
      ) : (
        <fieldset className="plain-fieldset" disabled={!canEdit}>
        <ul className="stakeholder-list">
          {plan.stakeholders.map((s) => (
            <li key={s.id} className="stakeholder-row" role="group" aria-label={s.name}>
              <InputField label={t('stakeholders.name')} value={s.name} commit={(v) => updateStakeholder(doc, s.id, { name: v })} />
              <SelectField label={t('stakeholders.kind')} value={s.kind} options={kinds} commit={(v) => updateStakeholder(doc, s.id, { kind: v as StakeholderKind })} />
              <InputField label={t('stakeholders.country')} value={s.country ?? ''} commit={(v) => updateStakeholder(doc, s.id, { country: countryOrNull(v) })} />
              <button type="button" className="danger" aria-label={t('stakeholders.removeLabel', { name: s.name })} onClick={() => setRemoving(s.id)}>
                {t('stakeholders.remove')}
              </button>
            </li>
          ))}
        </ul>
        </fieldset>
      )}
      {removing && <RemoveStakeholder doc={doc} plan={plan} id={removing} onDone={() => setRemoving(null)} />}
    </section>
  )
}

const NOBODY = ''

/** Removing an organization asks who takes over its actions, if it has any. */
const RemoveStakeholder = ({ doc, plan, id, onDone }: { doc: Y.Doc; plan: PlanView; id: string; onDone: () => void }) => {
  const { t } = useTranslation()
  const [replaceWith, setReplaceWith] = useState(NOBODY)
  const name = plan.stakeholders.find((s) => s.id === id)?.name ?? ''
  const count = actionsNaming(doc, id).length
  return (
    <ConfirmDialog
      open
      title={t('stakeholders.removeTitle', { name })}
      body={t('stakeholders.removeBody', { count })}
      confirmLabel={t('stakeholders.remove')}
      onCancel={onDone}
      onConfirm={() => {
        removeStakeholder(doc, id, { replaceWith: replaceWith === NOBODY ? null : replaceWith })
        onDone()
      }}
    >
      {count > 0 && (
        <LabeledSelect label={t('stakeholders.replaceWith')} value={replaceWith} onChange={setReplaceWith}>
          <option value={NOBODY}>{t('stakeholders.replaceNone')}</option>
          {plan.stakeholders.filter((s) => s.id !== id).map((s) => (
            <option key={s.id} value={s.id}>{s.name}</option>
          ))}
        </LabeledSelect>
      )}
    </ConfirmDialog>
  )
}
