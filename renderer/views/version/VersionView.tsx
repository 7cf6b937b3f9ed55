import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { authorsByField, comparePlans, fieldKey, MAX_HISTORY_PAGE, verifyVersion, type FieldChange, type PlanView, type Version, type VersionReport } from '../../../shared/index.js'
import { hrefFor, navigate } from '../../app/route.js'
import { LocalizedText } from '../../components/LocalizedText.js'
import { formatDay } from '../../format.js'
import { useHistory } from '../../hooks/useHistory.js'
import { useVersionFile, useVersionList, type LoadedVersion } from '../../hooks/useVersions.js'
import { authorOf, describeChange, namesOf } from '../detail/formatValue.js'
import { ReportView } from '../report/ReportView.js'
import { ExportButtons } from '../table/ExportButtons.js'

/** WebCrypto's SHA-256, which browsers offer only on secure pages (https, or this computer). */
const webSha256 = globalThis.crypto?.subtle ? async (bytes: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes))) : null

/** The version's check, as `npm run verify` does it, so that nobody has to take the server's word. */
const useVersionCheck = (loaded: LoadedVersion): VersionReport | null => {
  const [report, setReport] = useState<VersionReport | null>(null)
  useEffect(() => {
    if (loaded.state !== 'loaded' || !webSha256) return
    let live = true
    void verifyVersion(loaded.file, webSha256).then((checked) => live && setReport(checked))
    return () => {
      live = false
    }
  }, [loaded])
  return report
}

type Side = { label: string; plan: PlanView; seq: number | null }

/**
 * One adopted version, read-only: what changed between it and the plan now (or another
 * version), action by action and field by field with who changed each, then the plan as it
 * was, laid out as the report (with the verdicts of then), and its exports.
 */
export const VersionView = ({ planId, versionId, compareWith, plan }: { planId: string; versionId: string; compareWith: string | null; plan: PlanView }) => {
  const { t, i18n } = useTranslation()
  const loaded = useVersionFile(planId, versionId)
  const other = useVersionFile(planId, compareWith)
  const { versions } = useVersionList(planId)
  const report = useVersionCheck(loaded)

  if (loaded.state === 'loading') return <p className="muted">{t('versions.loading')}</p>
  if (loaded.state === 'failed') return <p className="notice">{t('versions.offline')}</p>
  const { version } = loaded.file
  const then = loaded.rebuilt.plan
  const here: Side = { label: version.name, plan: then, seq: version.plan.seq }
  const there: Side | null = compareWith === null ? { label: t('versions.now'), plan, seq: null } : other.state === 'loaded' ? { label: other.file.version.name, plan: other.rebuilt.plan, seq: other.file.version.plan.seq } : null
  // Always from the earlier state to the later one: "added" means added since.
  const [earlier, later] = there && there.seq !== null && there.seq < version.plan.seq ? [there, here] : [here, there]
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
        <ExportButtons plan={then} kind={`version-${version.adoptedOn}.`} />
      </section>
      <section className="card-panel" aria-labelledby="compare-heading">
        <h3 id="compare-heading">{t('versions.compare')}</h3>
        <CompareWith planId={planId} version={version} compareWith={compareWith} versions={versions} />
        {later === null ? (
          <p className="muted">{other.state === 'failed' ? t('versions.offline') : t('versions.loading')}</p>
        ) : (
          <Differences planId={planId} plan={plan} earlier={earlier} later={later} />
        )}
      </section>
      <ReportView planId={planId} plan={then} discussion={loaded.rebuilt.discussion} />
    </div>
  )
}

/** The plan now, or another adopted version, to set beside this one. */
const CompareWith = ({ planId, version, compareWith, versions }: { planId: string; version: Version; compareWith: string | null; versions: Version[] | null }) => {
  const { t, i18n } = useTranslation()
  return (
    <label className="field compare-with">
      <span>{t('versions.compareWith')}</span>
      <select value={compareWith ?? ''} onChange={(e) => navigate({ view: 'version', planId, versionId: version.id, ...(e.target.value ? { compareWith: e.target.value } : {}) })}>
        <option value="">{t('versions.now')}</option>
        {(versions ?? [])
          .filter((v) => v.id !== version.id)
          .map((v) => (
            <option key={v.id} value={v.id}>
              {v.name} · {formatDay(v.adoptedOn, i18n.language)}
            </option>
          ))}
      </select>
    </label>
  )
}

/** Actions added, removed and changed from one state to the other, each change with the names of who made it. */
const Differences = ({ planId, plan, earlier, later }: { planId: string; plan: PlanView; earlier: Side; later: Side }) => {
  const { t } = useTranslation()
  const changes = useHistory(planId, plan, { afterSeq: earlier.seq ?? 0, ...(later.seq !== null ? { upToSeq: later.seq } : {}), limit: MAX_HISTORY_PAGE })
  const authors = authorsByField(Array.isArray(changes) ? changes : [])
  const differences = comparePlans(earlier.plan, later.plan)
  const names = namesOf(later.plan)
  const by = (actionId: string, field: string) => {
    const who = authors.get(fieldKey(actionId, field))
    return who ? <span className="muted"> — {who.map((author) => authorOf({ author })).join(', ')}</span> : null
  }
  const change = (entityId: string, field: string, before: unknown, after: unknown): FieldChange => ({ seq: 0, at: 0, author: null, entity: 'action', entityId, field, before, after })
  const title = (action: PlanView['actions'][number], side: Side, linked: boolean) => {
    const text = <LocalizedText entity={action} field="title" planLanguage={side.plan.meta.language} />
    return linked && plan.actions.some((a) => a.id === action.id) ? <a href={hrefFor({ view: 'action', planId, actionId: action.id })}>{text}</a> : text
  }
  return (
    <>
      <p data-testid="version-summary">
        {t('versions.between', { from: earlier.label, to: later.label })}{' '}
        {t('versions.summary', { added: differences.added.length, removed: differences.removed.length, changed: differences.changed.length })}
      </p>
      {changes === 'unavailable' && <p className="muted">{t('versions.noAuthors')}</p>}
      <ul className="changes">
        {differences.added.map((action) => (
          <li key={`added-${action.id}`}>
            <strong>{t('versions.added')}</strong> {title(action, later, true)}
            {by(action.id, '*')}
          </li>
        ))}
        {differences.removed.map((action) => (
          <li key={`removed-${action.id}`}>
            <strong>{t('versions.removed')}</strong> {title(action, earlier, false)}
            {by(action.id, 'deleted')}
          </li>
        ))}
        {differences.changed.map(({ action, fields }) => (
          <li key={`changed-${action.id}`}>
            <strong>{t('versions.changed')}</strong> {title(action, later, true)}
            <ul>
              {fields.map((f) => (
                <li key={f.field}>
                  {describeChange(change(action.id, f.field, f.before, f.after), t, names)}
                  {by(action.id, f.field)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  )
}
