import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanView } from '../../shared/index.js'
import { hrefFor, type Route } from '../app/route.js'
import { LanguagePicker } from '../components/LanguagePicker.js'
import { PresenceBar } from '../components/PresenceBar.js'
import { SyncStatusBadge } from '../components/SyncStatusBadge.js'
import type { IdentityState } from '../hooks/useIdentity.js'
import { usePlanAccess } from '../hooks/usePlanAccess.js'
import type { Peer } from '../hooks/usePresence.js'
import { useSyncStatus } from '../hooks/usePlanSession.js'
import { combineStatuses } from '../sync/combinedStatus.js'
import type { DocSession } from '../sync/docSession.js'
import { exportDeviceCopy } from '../sync/exportDeviceCopy.js'
import { localDb } from '../sync/localDb.js'
import { dismissRefusal } from '../sync/sessions.js'
import { LocalizedText } from '../components/LocalizedText.js'
import { useRefusalText } from '../hooks/useRefusalText.js'

const TABS = ['board', 'table', 'dashboard', 'stakeholders', 'review', 'workshops', 'report', 'history', 'access'] as const

/** The frame around every view of one plan: title, views, sync state and who is here. */
export const PlanLayout = ({
  route,
  session,
  discussionSession,
  refused,
  plan,
  peers,
  identity,
  children,
}: {
  route: Extract<Route, { planId: string }>
  session: DocSession
  /** Held for the whole visit, so comments and verdicts written offline are counted and sent. */
  discussionSession: DocSession
  refused: string | null
  plan: PlanView
  peers: Peer[]
  identity: IdentityState
  children: ReactNode
}) => {
  const { t } = useTranslation()
  const status = useSyncStatus(session)
  const refusalText = useRefusalText()
  const discussionStatus = useSyncStatus(discussionSession)
  const [menuOpen, setMenuOpen] = useState(false)
  const access = usePlanAccess()
  const role = access.identity?.role
  const roleNote = !role || access.canEdit ? null : t(role === 'coordinator' ? 'access.coordinatorNote' : access.canComment ? 'access.commentOnly' : 'access.readOnly', { role: t(`access.role_${role}`) })
  // A doc with no schema field was never created (not synced yet); other bad meta fields are shown, not hidden.
  const hasPlan = !plan.meta.invalid.some((issue) => issue.path === 'schema')

  // Remember the plan on this device, under its current title, for the plan list.
  useEffect(() => {
    if (hasPlan) void localDb().plans.put({ id: route.planId, title: plan.meta.title, openedAt: Date.now() })
  }, [route.planId, plan.meta.title, hasPlan])

  const titles = new Map(plan.actions.map((a) => [a.id, a.title]))

  return (
    <div className="plan-layout">
      <header className="plan-header">
        <a href={hrefFor({ view: 'plans' })} className="back-link">
          ← {t('nav.allPlans')}
        </a>
        <h1 className="plan-name">{hasPlan ? <LocalizedText entity={plan.meta} field="title" planLanguage={plan.meta.language} /> : '…'}</h1>
        {roleNote && <p className="role-note" data-testid="role-note">{roleNote}</p>}
        <SyncStatusBadge status={combineStatuses([status, discussionStatus])} />
        <PresenceBar peers={peers} titleOf={(id) => titles.get(id) ?? null} />
        {access.canManage && (
          // A link to this page would carry no invite: each person joins with one of their own.
          <a className="button-link" href={hrefFor({ view: 'access', planId: route.planId })} title={t('nav.inviteHelp')}>
            {t('nav.invite')}
          </a>
        )}
        <LanguagePicker />
      </header>
      <nav aria-label={t('nav.views')} className={`tabs${menuOpen ? ' open' : ''}`}>
        <button type="button" className="tabs-toggle" aria-expanded={menuOpen} aria-controls="plan-tabs" onClick={() => setMenuOpen(!menuOpen)}>
          <span aria-hidden="true">☰</span> {t('app.menu')}: {t(`nav.${route.view === 'action' ? 'board' : route.view === 'version' ? 'history' : route.view === 'workshop' ? 'workshops' : route.view}`)}
        </button>
        <ul id="plan-tabs">
          {TABS.filter((tab) => tab !== 'access' || access.canManage).map((tab) => (
            <li key={tab}>
              <a
                href={hrefFor({ view: tab, planId: route.planId })}
                aria-current={route.view === tab || (tab === 'board' && route.view === 'action') || (tab === 'history' && route.view === 'version') || (tab === 'workshops' && route.view === 'workshop') ? 'page' : undefined}
                onClick={() => setMenuOpen(false)}
              >
                {t(`nav.${tab}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {plan.unreadable.length > 0 && (
          <p className="notice warning" role="note">
            {t('sync.unreadable', { count: plan.unreadable.length })}
          </p>
        )}
        {refused && (
          <div className="notice warning" role="alert">
            <p>{t('sync.refused', { reason: refused })}</p>
            <button type="button" onClick={() => void exportDeviceCopy(route.planId)}>{t('sync.exportCopy')}</button>{' '}
            <button type="button" onClick={() => dismissRefusal(session.room)}>{t('sync.dismiss')}</button>
          </div>
        )}
        {((identity.state === 'refused' && hasPlan) || status.closed) && (
          <div className="notice warning" role="alert" data-testid="sync-stopped">
            <p>{t('sync.stopped', { reason: refusalText(identity.state === 'refused' ? identity.reason : status.closed ?? '') })}</p>
            <button type="button" onClick={() => void exportDeviceCopy(route.planId)}>{t('sync.exportCopy')}</button>
          </div>
        )}
        {identity.state === 'refused' && !hasPlan ? (
          <Page heading={t('pages.refusedHeading')} body={t('pages.refused', { reason: refusalText(identity.reason) })} />
        ) : identity.state === 'no-token' ? (
          <Page heading={t('pages.refusedHeading')} body={t('access.noToken')} />
        ) : status.state === 'loading' ? (
          <p>{t('sync.loading')}</p>
        ) : hasPlan ? (
          children
        ) : status.state === 'synced' ? (
          // The server answered and holds nothing under this id.
          <Page heading={t('pages.planNotFoundHeading')} body={t('pages.planNotFound')} />
        ) : (
          <p className="notice">{t('sync.notFound')}</p>
        )}
      </main>
    </div>
  )
}

/** A page of its own for a link that leads nowhere: what happened and where to go next. */
const Page = ({ heading, body }: { heading: string; body: string }) => {
  const { t } = useTranslation()
  return (
    <section className="notice page-notice" aria-labelledby="page-heading" data-testid="page-notice">
      <h2 id="page-heading">{heading}</h2>
      <p>{body}</p>
      <a href={hrefFor({ view: 'plans' })}>{t('pages.toPlans')}</a>
    </section>
  )
}
