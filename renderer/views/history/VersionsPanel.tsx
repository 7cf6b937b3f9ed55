import { CheckedForm } from '../../components/CheckedForm.js'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { isoDay, ok, toIssues, VersionInput, type PlanView, type Version } from '../../../shared/index.js'
import { hrefFor } from '../../app/route.js'
import { download } from '../../exports/download.js'
import { planFileName } from '../../exports/planExports.js'
import { formatDay } from '../../format.js'
import { authorizedFetch } from '../../hooks/useIdentity.js'
import { useIssueText } from '../../hooks/useIssueText.js'
import { useVersionList } from '../../hooks/useVersions.js'
import { usePlanAccess } from '../../hooks/usePlanAccess.js'
import { DateField } from '../detail/DateField.js'

const Failure = z.object({ error: z.string() })

/**
 * The versions adopted in this plan: an owner names the plan as it stands ("adopted at the
 * Final Regional Workshop"); anyone in the plan exports one to check it with no server.
 */
export const VersionsPanel = ({ planId, plan }: { planId: string; plan: PlanView }) => {
  const { t, i18n } = useTranslation()
  const { canManage } = usePlanAccess()
  const { issueText } = useIssueText()
  const { versions, reload } = useVersionList(planId)
  const [draft, setDraft] = useState({ name: '', adoptedOn: isoDay(new Date()), place: '', note: '' })
  const [error, setError] = useState<string | null>(null)

  const adopt = async () => {
    const input = VersionInput.safeParse(draft)
    if (!input.success) return setError(toIssues(input.error).map(issueText).join(' '))
    const res = await authorizedFetch(planId, `/api/plans/${planId}/versions`, { method: 'POST', body: JSON.stringify(input.data) })
    const body: unknown = await res.json()
    if (!res.ok) return setError(Failure.safeParse(body).data?.error ?? `HTTP ${res.status}`)
    setError(null)
    setDraft({ ...draft, name: '', place: '', note: '' })
    await reload()
  }

  const exportVersion = async (version: Version) => {
    const res = await authorizedFetch(planId, `/api/plans/${planId}/versions/${version.id}/export`)
    await download(planFileName(plan, `version-${version.adoptedOn}.json`), await res.text(), 'application/json')
  }

  return (
    <section aria-labelledby="versions-heading" className="card-panel versions">
      <h2 id="versions-heading">{t('versions.heading')}</h2>
      <p className="muted">{t('versions.help')}</p>
      {versions === null ? (
        <p className="notice">{t('versions.offline')}</p>
      ) : versions.length === 0 ? (
        <p className="muted">{t('versions.none')}</p>
      ) : (
        <ul className="stakeholder-list">
          {versions.map((version) => (
            <li key={version.id} className="invite-row version-row">
              <span>
                <a href={hrefFor({ view: 'version', planId, versionId: version.id })}>
                  <strong>{version.name}</strong>
                </a>{' '}
                · {formatDay(version.adoptedOn, i18n.language)}
                {version.place && <> · {version.place}</>}
                <span className="muted"> · {t('versions.by', { name: version.createdBy.name, org: version.createdBy.org })}</span>
                {version.note && <span className="version-note">{version.note}</span>}
              </span>
              <button type="button" onClick={() => void exportVersion(version)} aria-label={t('versions.exportLabel', { name: version.name })}>
                {t('versions.export')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {canManage && versions !== null && (
        <CheckedForm label={t('versions.adopt')} submitLabel={t('versions.adoptButton')} error={error} onSubmit={adopt}>
          <label className="field grow">
            <span>{t('versions.name')}</span>
            <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} placeholder={t('versions.namePlaceholder')} />
          </label>
          <DateField label={t('versions.adoptedOn')} value={draft.adoptedOn} commit={(iso) => ok(setDraft({ ...draft, adoptedOn: iso ?? '' }))} />
          <label className="field grow">
            <span>{t('versions.place')}</span>
            <input value={draft.place} onChange={(e) => setDraft({ ...draft, place: e.target.value })} />
          </label>
          <label className="field full">
            <span>{t('versions.note')}</span>
            <input value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />
          </label>
        </CheckedForm>
      )}
    </section>
  )
}
