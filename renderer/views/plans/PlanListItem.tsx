import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useIssueText } from '../../hooks/useIssueText.js'
import { mayWrite, updatePlanMeta } from '../../../shared/index.js'
import { hrefFor } from '../../app/route.js'
import { ConfirmDialog } from '../../components/ConfirmDialog.js'
import { localDb } from '../../sync/localDb.js'
import { roleForPlan } from '../../sync/tokens.js'
import { withPlanDoc } from '../../sync/withPlanDoc.js'
import type { ListedPlan } from './usePlanList.js'
import { formatMoment } from '../../format.js'

export const PlanListItem = ({ plan, onChanged }: { plan: ListedPlan; onChanged: () => void }) => {
  const { t, i18n } = useTranslation()
  const [renaming, setRenaming] = useState(false)
  const [title, setTitle] = useState(plan.title)
  const [error, setError] = useState<string | null>(null)
  const { resultText } = useIssueText()
  const [confirming, setConfirming] = useState(false)
  // Offered only to whom the server would allow it; it decides either way.
  const role = roleForPlan(plan.id)
  const mayChange = role !== null && mayWrite(role, 'plan')

  const rename = async () => {
    const result = await withPlanDoc(plan.id, (doc) => updatePlanMeta(doc, { title }))
    if (!result.ok) return setError(resultText(result))
    await localDb().plans.update(plan.id, { title: title.trim() })
    setRenaming(false)
    setError(null)
    onChanged()
  }

  const remove = async () => {
    setConfirming(false)
    await withPlanDoc(plan.id, (doc) => updatePlanMeta(doc, { deleted: true }))
    await localDb().plans.delete(plan.id)
    onChanged()
  }

  const when = formatMoment(plan.updatedAt, i18n.language)
  return (
    <li className="plan-item">
      {renaming ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            void rename()
          }}
        >
          <label>
            <span className="sr-only">{t('plans.renameLabel', { title: plan.title })}</span>
            <input value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={!!error} autoFocus />
          </label>
          <button type="submit">{t('plans.save')}</button>
          <button type="button" onClick={() => setRenaming(false)}>
            {t('plans.cancel')}
          </button>
          {error && <p className="field-error" role="alert">{error}</p>}
        </form>
      ) : (
        <>
          <a className="plan-title" href={hrefFor({ view: 'board', planId: plan.id })}>
            {plan.title}
          </a>
          <span className="muted">
            {t('plans.updated', { when })} · {plan.local ? t('plans.onThisDevice') : t('plans.onServer')}
          </span>
          {mayChange && <span className="plan-buttons">
            <button type="button" onClick={() => setRenaming(true)} aria-label={`${t('plans.rename')}: ${plan.title}`}>
              {t('plans.rename')}
            </button>
            <button type="button" className="danger" onClick={() => setConfirming(true)} aria-label={`${t('plans.delete')}: ${plan.title}`}>
              {t('plans.delete')}
            </button>
          </span>}
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('plans.deleteTitle', { title: plan.title })}
        body={t('plans.deleteBody')}
        confirmLabel={t('plans.delete')}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      />
    </li>
  )
}
