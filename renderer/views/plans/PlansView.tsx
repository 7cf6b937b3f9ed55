import { useTranslation } from 'react-i18next'
import { hrefFor } from '../../app/route.js'
import { isDesktop } from '../../desktop.js'
import { isHostDevice } from '../../sync/tokens.js'
import { CoordinatorInvites } from '../invites/CoordinatorInvites.js'
import { CreatePlanForm } from './CreatePlanForm.js'
import { JoinPlanForm } from './JoinPlanForm.js'
import { PlanListItem } from './PlanListItem.js'
import { ProfileForm } from './ProfileForm.js'
import { usePlanList } from './usePlanList.js'

/** The start page: the plans this person has, and ways to make or join one. */
export const PlansView = () => {
  const { t } = useTranslation()
  const { plans, refresh } = usePlanList()
  return (
    <div className="plans-page">
      <section aria-labelledby="plans-heading" className="card-panel">
        <h1 id="plans-heading">{t('plans.heading')}</h1>
        {plans.length === 0 ? (
          <p>{t('plans.empty')}</p>
        ) : (
          <ul className="plan-list">
            {plans.map((plan) => (
              <PlanListItem key={plan.id} plan={plan} onChanged={refresh} />
            ))}
          </ul>
        )}
      </section>
      <div className="plans-side">
        {isDesktop() && (
          <a className="card-panel host-entry" href={hrefFor({ view: 'host' })}>
            {t('plans.hostWorkshop')}
          </a>
        )}
        <CreatePlanForm />
        <JoinPlanForm />
        <ProfileForm />
      </div>
      {isHostDevice() && <CoordinatorInvites plans={plans.filter((p) => p.remote)} />}
    </div>
  )
}
