import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import {
  ACTION_ORIGINS, ACTION_STATUSES, deleteAction, PILLARS, PRIORITIES, setStatus, TRANSLATABLE, updateAction,
  type ActionPatch, type PlanView,
} from '../../../shared/index.js'
import { formatDay } from '../../format.js'
import { hrefFor, navigate } from '../../app/route.js'
import { ConfirmDialog } from '../../components/ConfirmDialog.js'
import { DateField } from './DateField.js'
import { DescriptionEditor } from './DescriptionEditor.js'
import { InputField, SelectField } from './Field.js'
import { IndicatorsEditor } from './IndicatorsEditor.js'
import { StakeholderPicker } from './StakeholderPicker.js'
import { CountryPicker } from './CountryPicker.js'
import { DiscussionPanel } from './DiscussionPanel.js'
import { HistoryPanel } from './HistoryPanel.js'
import { usePlanAccess } from '../../hooks/usePlanAccess.js'
import { LocalizedText } from '../../components/LocalizedText.js'
import { useLocalize } from '../../hooks/useLocalize.js'
import { TranslationsPanel } from '../../components/TranslationsPanel.js'

/** Every field of one action, each validated by the schema as it is written. */
export const ActionDetail = ({ planId, doc, plan, actionId }: { planId: string; doc: Y.Doc; plan: PlanView; actionId: string }) => {
  const { t, i18n } = useTranslation()
  const { canEdit } = usePlanAccess()
  const [confirming, setConfirming] = useState(false)
  const localized = useLocalize(plan.meta)
  const action = plan.actions.find((a) => a.id === actionId)
  if (!action) {
    return (
      <section className="notice page-notice" aria-labelledby="page-heading" data-testid="page-notice">
        <h2 id="page-heading">{t('pages.actionNotFoundHeading')}</h2>
        <p>{t('pages.actionNotFound', { plan: localized(plan.meta) })}</p>
        <p className="inline-form">
          <a href={hrefFor({ view: 'board', planId })}>{t('pages.toBoard')}</a>
          <a href={hrefFor({ view: 'history', planId })}>{t('pages.toHistory')}</a>
        </p>
      </section>
    )
  }
  const stored = (field: string) => action.invalid.find((issue) => issue.path.split('.')[0] === field)
  const update = (patch: ActionPatch) => updateAction(doc, action.id, patch)
  const optional = (value: string) => (value === '' ? null : value)
  const choices = <T extends string>(values: readonly T[], prefix: string, withNone = false) => [
    ...(withNone ? [{ value: '', label: t('action.none') }] : []),
    ...values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) })),
  ]

  return (
    <article className="action-detail" aria-labelledby="action-heading">
      <a href={hrefFor({ view: 'board', planId })} className="back-link">
        ← {t('action.back')}
      </a>
      <h2 id="action-heading">
        <LocalizedText entity={action} field="title" planLanguage={plan.meta.language} />
      </h2>
      {action.provenance && (
        <p className="provenance">
          <a href={hrefFor({ view: 'workshop', planId, workshopId: action.provenance.workshopId, mode: 'summary' })}>
            {t('workshop.provenance', {
              workshop: action.provenance.workshop,
              place: action.provenance.place,
              date: formatDay(action.provenance.on, i18n.language),
              votes: action.provenance.votes,
            })}
          </a>
          {action.provenance.proposedBy.length > 0 && <> · {t('workshop.proposedBy', { list: action.provenance.proposedBy.join(', ') })}</>}
        </p>
      )}
      <div className="detail-grid">
        <fieldset className="detail-main" disabled={!canEdit}>
          <InputField label={t('action.title')} value={action.title} stored={stored('title')} commit={(v) => update({ title: v })} />
          <div className="field-row">
            <SelectField
              label={t('action.area')}
              value={action.areaId}
              stored={stored('areaId')}
              commit={(v) => update({ areaId: v })}
              options={plan.areas.map((a) => ({ value: a.id, label: localized(a) }))}
            />
            <SelectField label={t('action.origin')} value={action.origin} stored={stored('origin')} commit={(v) => update({ origin: v as never })} options={choices(ACTION_ORIGINS, 'origin')} />
          </div>
          <div className="field-row">
            <SelectField label={t('action.status')} value={action.status} stored={stored('status')} commit={(v) => setStatus(doc, action.id, v as never)} options={choices(ACTION_STATUSES, 'status')} />
            <InputField type="number" min={0} max={100} label={t('action.progress')} value={String(action.progress)} stored={stored('progress')} commit={(v) => update({ progress: v === '' ? Number.NaN : Number(v) })} />
          </div>
          <div className="field-row">
            <DateField label={t('action.start')} value={action.start} stored={stored('start')} commit={(start) => update({ start })} />
            <DateField label={t('action.due')} value={action.due} stored={stored('due')} commit={(due) => update({ due })} />
          </div>
          <div className="field-row">
            <SelectField label={t('action.priority')} value={action.priority ?? ''} stored={stored('priority')} commit={(v) => update({ priority: optional(v) as never })} options={choices(PRIORITIES, 'priority', true)} />
            <SelectField label={t('action.pillar')} value={action.pillar ?? ''} stored={stored('pillar')} commit={(v) => update({ pillar: optional(v) as never })} options={choices(PILLARS, 'pillar', true)} />
          </div>
          <DescriptionEditor key={`${action.id}-${canEdit}`} planId={planId} planDoc={doc} actionId={action.id} title={action.title} summary={action.summary} editable={canEdit} />
          <IndicatorsEditor doc={doc} action={action} />
        </fieldset>
        <div className="detail-side">
          {canEdit && (
            <TranslationsPanel
              doc={doc}
              planLanguage={plan.meta.language}
              items={[{ key: action.id, heading: localized(action), target: { kind: 'action', id: action.id }, entity: action, fields: TRANSLATABLE.action }]}
            />
          )}
          <fieldset className="plain-fieldset" disabled={!canEdit}>
          <StakeholderPicker legend={t('action.owners')} stakeholders={plan.stakeholders} selected={action.owners} onChange={(owners) => update({ owners })} />
          <StakeholderPicker legend={t('action.partners')} stakeholders={plan.stakeholders} selected={action.partners} onChange={(partners) => update({ partners })} />
          <CountryPicker legend={t('action.countries')} available={plan.meta.countries} selected={action.countries} onChange={(countries) => update({ countries })} />
          </fieldset>
          {canEdit && (
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              {t('action.delete')}
            </button>
          )}
        </div>
      </div>
      <div className="detail-grid">
        <DiscussionPanel planId={planId} action={action} />
        <HistoryPanel planId={planId} doc={doc} plan={plan} actionId={action.id} readOnly={!canEdit} />
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('action.deleteTitle', { title: action.title })}
        body={t('action.deleteBody')}
        confirmLabel={t('action.delete')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false)
          deleteAction(doc, action.id)
          navigate({ view: 'board', planId })
        }}
      />
    </article>
  )
}
