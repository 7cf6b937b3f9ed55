import { lazy, Suspense, useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { discussionRoom } from '../../shared/index.js'
import { LanguagePicker } from '../components/LanguagePicker.js'
import { useIdentity } from '../hooks/useIdentity.js'
import { useRoomSession } from '../hooks/useRoomSession.js'
import { accessFor, PlanAccessContext } from '../hooks/usePlanAccess.js'
import { useProfile } from '../hooks/useProfile.js'
import { usePlan, usePlanSession, useSyncStatus } from '../hooks/usePlanSession.js'
import { usePresence } from '../hooks/usePresence.js'
import { BoardView } from '../views/board/BoardView.js'
import { PlanLayout } from '../views/PlanLayout.js'
import { PlansView } from '../views/plans/PlansView.js'
import { sendHostName } from '../sync/hostName.js'
import { hrefFor, useRoute, type Route } from './route.js'

// The first view (plans or board) loads alone; the others, the description editor with
// them, load when a person first opens one (and stay cached for offline use).
const TableView = lazy(() => import('../views/table/TableView.js').then((m) => ({ default: m.TableView })))
const StakeholdersView = lazy(() => import('../views/stakeholders/StakeholdersView.js').then((m) => ({ default: m.StakeholdersView })))
const ActionDetail = lazy(() => import('../views/detail/ActionDetail.js').then((m) => ({ default: m.ActionDetail })))
const ReviewView = lazy(() => import('../views/review/ReviewView.js').then((m) => ({ default: m.ReviewView })))
const HistoryView = lazy(() => import('../views/history/HistoryView.js').then((m) => ({ default: m.HistoryView })))
const DashboardView = lazy(() => import('../views/dashboard/DashboardView.js').then((m) => ({ default: m.DashboardView })))
const HostView = lazy(() => import('../views/host/HostView.js').then((m) => ({ default: m.HostView })))
const CommitmentsView = lazy(() => import('../views/commitments/CommitmentsView.js').then((m) => ({ default: m.CommitmentsView })))
const VersionView = lazy(() => import('../views/version/VersionView.js').then((m) => ({ default: m.VersionView })))
const ReportView = lazy(() => import('../views/report/ReportView.js').then((m) => ({ default: m.ReportView })))
const WorkshopsView = lazy(() => import('../views/workshop/WorkshopsView.js').then((m) => ({ default: m.WorkshopsView })))
const WorkshopRoom = lazy(() => import('../views/workshop/WorkshopRoom.js').then((m) => ({ default: m.WorkshopRoom })))
const WorkshopSummary = lazy(() => import('../views/workshop/WorkshopSummary.js').then((m) => ({ default: m.WorkshopSummary })))
const ProjectorView = lazy(() => import('../views/workshop/ProjectorView.js').then((m) => ({ default: m.ProjectorView })))
const JoinView = lazy(() => import('../views/workshop/JoinView.js').then((m) => ({ default: m.JoinView })))
const AccessView = lazy(() => import('../views/invites/AccessView.js').then((m) => ({ default: m.AccessView })))

const PlanRoute = ({ route }: { route: Extract<Route, { planId: string }> }) => {
  const { t } = useTranslation()
  const { session, refused } = usePlanSession(route.planId)
  const { session: discussionSession } = useRoomSession(discussionRoom(route.planId))
  const plan = usePlan(session)
  const identity = useIdentity(route.planId)
  // A refused invite: the server will take nothing from this device; stop trying.
  const stoppedFor = identity.state === 'refused' ? identity.reason : null
  useEffect(() => {
    if (!stoppedFor) return
    session.stop(stoppedFor)
    discussionSession.stop(stoppedFor)
  }, [session, discussionSession, stoppedFor])
  const profile = useProfile()
  const { closed } = useSyncStatus(session)
  // Revoked or expired (told at connect, or by the server closing the socket): editing stops.
  const known = !closed && (identity.state === 'known' || identity.state === 'checking') ? identity.identity : null
  const access = useMemo(() => accessFor(known, { name: profile.name, org: profile.org }), [known, profile.name, profile.org])
  const peers = usePresence(session, route.view === 'action' ? route.actionId : null, access.me)
  const { planId } = route
  // The projector shows the session alone, large, without the plan's frame.
  if (route.view === 'workshop' && route.mode === 'projector') {
    return (
      <PlanAccessContext.Provider value={access}>
        <main id="main" tabIndex={-1} className="projector-main">
          <Suspense fallback={<p>{t('sync.loading')}</p>}>
            <ProjectorView planId={planId} workshopId={route.workshopId} />
          </Suspense>
        </main>
      </PlanAccessContext.Provider>
    )
  }
  return (
    <PlanAccessContext.Provider value={access}>
    <PlanLayout route={route} session={session} discussionSession={discussionSession} refused={refused} plan={plan} peers={peers} identity={identity}>
      <Suspense fallback={<p>{t('sync.loading')}</p>}>
        {route.view === 'board' && <BoardView planId={planId} doc={session.doc} plan={plan} peers={peers} />}
        {route.view === 'table' && <TableView key={hrefFor(route)} planId={planId} doc={session.doc} plan={plan} initialFilter={route.filter} />}
        {route.view === 'stakeholders' && <StakeholdersView doc={session.doc} plan={plan} />}
        {route.view === 'action' && <ActionDetail planId={planId} doc={session.doc} plan={plan} actionId={route.actionId} />}
        {route.view === 'review' && <ReviewView planId={planId} plan={plan} />}
        {route.view === 'history' && <HistoryView planId={planId} doc={session.doc} plan={plan} />}
        {route.view === 'access' && <AccessView planId={planId} />}
        {route.view === 'report' && <ReportView planId={planId} plan={plan} />}
        {route.view === 'dashboard' && <DashboardView planId={planId} plan={plan} />}
        {route.view === 'workshops' && <WorkshopsView planId={planId} doc={session.doc} plan={plan} />}
        {route.view === 'workshop' && route.mode === 'room' && <WorkshopRoom key={route.workshopId} planId={planId} workshopId={route.workshopId} planDoc={session.doc} plan={plan} />}
        {route.view === 'workshop' && route.mode === 'summary' && <WorkshopSummary key={route.workshopId} planId={planId} workshopId={route.workshopId} plan={plan} />}
        {route.view === 'version' && <VersionView key={route.versionId} planId={planId} versionId={route.versionId} compareWith={route.compareWith ?? null} plan={plan} />}
      </Suspense>
    </PlanLayout>
    </PlanAccessContext.Provider>
  )
}

export const App = () => {
  const { t } = useTranslation()
  const route = useRoute()
  const place = hrefFor(route)
  const profile = useProfile()
  useEffect(() => {
    void sendHostName({ name: profile.name, org: profile.org })
  }, [profile.name, profile.org])
  // A new view starts keyboard and screen-reader users at its content, not at the top of the page.
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true })
  }, [place])
  return (
    <>
      <a href="#main" className="skip-link" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus() }}>
        {t('app.skipToContent')}
      </a>
      {route.view === 'plans' || route.view === 'commitments' || route.view === 'join' || route.view === 'host' ? (
        <>
          <header className="app-bar">
            <a className="brand" href={hrefFor({ view: 'plans' })}>{t('app.name')}</a>
            <a className="app-bar-link" href={hrefFor({ view: 'commitments' })} aria-current={route.view === 'commitments' ? 'page' : undefined}>
              {t('commitments.heading')}
            </a>
            <LanguagePicker />
          </header>
          <main id="main" tabIndex={-1}>
            {route.view === 'plans' ? (
              <PlansView />
            ) : route.view === 'host' ? (
              <Suspense fallback={<p>{t('sync.loading')}</p>}>
                <HostView />
              </Suspense>
            ) : route.view === 'join' ? (
              <Suspense fallback={<p>{t('sync.loading')}</p>}>
                <JoinView code={route.code} />
              </Suspense>
            ) : (
              <Suspense fallback={<p>{t('sync.loading')}</p>}>
                <CommitmentsView />
              </Suspense>
            )}
          </main>
        </>
      ) : (
        <PlanRoute key={route.planId} route={route} />
      )}
    </>
  )
}
