import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { comparePlans, verifyVersion, versionState, VersionFile, type FieldChange, type PlanView, type VersionReport } from '../../../shared/index.js'
import { hrefFor } from '../../app/route.js'
import { LocalizedText } from '../../components/LocalizedText.js'
import { formatDay } from '../../format.js'
import { authorizedFetch } from '../../hooks/useIdentity.js'
import { describeChange, namesOf } from '../detail/formatValue.js'
import { ReportView } from '../report/ReportView.js'

/** WebCrypto's SHA-256, which browsers offer only on secure pages (https, or this computer). */
const webSha256 = globalThis.crypto?.subtle ? async (bytes: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes))) : null

type Loaded = { state: 'loading' } | { state: 'failed' } | { state: 'loaded'; file: VersionFile; version: ReturnType<typeof versionState> }

/**
 * One adopted version, read-only: what changed from it to now, action by action and field
 * by field, then the plan as it was, laid out as the report (with the verdicts of then).
 */
export const VersionView = ({ planId, versionId, plan }: { planId: string; versionId: string; plan: PlanView }) => {
  const { t, i18n } = useTranslation()
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' })
  const [report, setReport] = useState<VersionReport | null>(null)
  useEffect(() => {
    let live = true
    void authorizedFetch(planId, `/api/plans/${planId}/versions/${versionId}/export`)
      .then((res) => res.json())
      .then((body: unknown) => {
        const file = VersionFile.safeParse(body)
        if (live) setLoaded(file.success ? { state: 'loaded', file: file.data, version: versionState(file.data) } : { state: 'failed' })
      })
      .catch(() => live && setLoaded({ state: 'failed' }))
    return () => {
      live = false
    }
  }, [planId, versionId])

  // Checked here as `npm run verify` checks it, so that nobody has to take the server's word.
  useEffect(() => {
    if (loaded.state !== 'loaded' || !webSha256) return
    let live = true
    void verifyVersion(loaded.file, webSha256).then((checked) => live && setReport(checked))
    return () => {
      live = false
    }
  }, [loaded])

  if (loaded.state === 'loading') return <p className="muted">{t('versions.loading')}</p>
  if (loaded.state === 'failed') return <p className="notice">{t('versions.offline')}</p>
  const { version } = loaded.file
  const then = loaded.version.plan
  const differences = comparePlans(then, plan)
  const names = namesOf(plan)
  const change = (entityId: string, field: string, before: unknown, after: unknown): FieldChange => ({ seq: 0, at: 0, author: null, entity: 'action', entityId, field, before, after })
  const link = (action: PlanView['actions'][number], language: string) => (
    <a href={hrefFor({ view: 'action', planId, actionId: action.id })}>
      <LocalizedText entity={action} field="title" planLanguage={language} />
    </a>
  )
  return (
    <div className="version-view">
      <section className="card-panel" aria-labelledby="version-heading">
        <p>
          <a href={hrefFor({ view: 'history', planId })}>{t('versions.back')}</a>
        </p>
        <h2 id="version-heading">{t('versions.viewing', { name: version.name })}</h2>
        <p className="muted">
          {formatDay(version.adoptedOn, i18n.language)}
          {version.place && ` · ${version.place}`} · {t('versions.by', { name: version.createdBy.name, org: version.createdBy.org })}
        </p>
        <p className="notice">{t('versions.readOnly')}</p>
        <p role="status" data-testid="version-check" className={report && !report.ok ? 'field-error' : 'muted'}>
          {!webSha256
            ? t('versions.cannotCheck')
            : report === null
              ? t('versions.checking')
              : report.ok
                ? t('versions.checked', { hash: report.contentHash ?? '' })
                : t('versions.checkFailed', { problems: report.problems.join('; ') })}
        </p>
        <h3>{t('versions.sinceThen')}</h3>
        <p data-testid="version-summary">{t('versions.summary', { added: differences.added.length, removed: differences.removed.length, changed: differences.changed.length })}</p>
        <ul className="changes">
          {differences.added.map((action) => (
            <li key={`added-${action.id}`}>
              <strong>{t('versions.added')}</strong> {link(action, plan.meta.language)}
            </li>
          ))}
          {differences.removed.map((action) => (
            <li key={`removed-${action.id}`}>
              <strong>{t('versions.removed')}</strong> <LocalizedText entity={action} field="title" planLanguage={then.meta.language} />
            </li>
          ))}
          {differences.changed.map(({ action, fields }) => (
            <li key={`changed-${action.id}`}>
              <strong>{t('versions.changed')}</strong> {link(action, plan.meta.language)}
              <ul>
                {fields.map((f) => (
                  <li key={f.field}>{describeChange(change(action.id, f.field, f.before, f.after), t, names)}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>
      <ReportView planId={planId} plan={then} discussion={loaded.version.discussion} />
    </div>
  )
}
