import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { positions, type DiscussionView, type PlanView } from '../../../shared/index.js'
import { hrefFor } from '../../app/route.js'
import { LabeledSelect } from '../../components/LabeledSelect.js'
import { LocalizedText } from '../../components/LocalizedText.js'
import { useLocalize } from '../../hooks/useLocalize.js'
import { StandingsTable } from './StandingsTable.js'

const ANY = ''

/** Every organization's position on every action, with what is left for mine to review. */
export const PositionsPanel = ({ planId, plan, discussion, myOrg }: { planId: string; plan: PlanView; discussion: DiscussionView; myOrg: string }) => {
  const { t } = useTranslation()
  const localized = useLocalize(plan.meta)
  const [areaId, setAreaId] = useState(ANY)
  const [needsMine, setNeedsMine] = useState(false)
  const [hasObjection, setHasObjection] = useState(false)
  const { rows, organizations } = positions(plan, discussion, myOrg, { areaId: areaId || null, needsMine, hasObjection })
  return (
    <section aria-labelledby="positions-heading" className="positions">
      <h2 id="positions-heading">{t('review.standings')}</h2>
      <div className="filters" role="search">
        <LabeledSelect label={t('action.area')} value={areaId} onChange={setAreaId}>
          <option value={ANY}>{t('table.anyArea')}</option>
          {plan.areas.map((area) => (
            <option key={area.id} value={area.id}>
              {localized(area)}
            </option>
          ))}
        </LabeledSelect>
        {myOrg && (
          <label className="checkbox">
            <input type="checkbox" checked={needsMine} onChange={(e) => setNeedsMine(e.target.checked)} />
            {t('review.needsMine', { org: myOrg })}
          </label>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={hasObjection} onChange={(e) => setHasObjection(e.target.checked)} />
          {t('review.hasObjection')}
        </label>
      </div>
      <StandingsTable caption={t('review.standings')} rows={organizations} />
      {rows.length === 0 ? (
        <p className="muted">{t('review.noMatch')}</p>
      ) : (
        <ul className="review-list">
          {rows.map((row) => (
            <li key={row.action.id} className="card-panel" data-testid="position-row">
              <a href={hrefFor({ view: 'action', planId, actionId: row.action.id })} className="card-title">
                <LocalizedText entity={row.action} field="title" planLanguage={plan.meta.language} />
              </a>
              <ul className="verdicts">
                {row.verdicts.map((v) => (
                  <li key={v.org} className={`verdict verdict-${v.verdict}`}>
                    <strong>{v.org}</strong>: {t(`review.verdict_${v.verdict}`)}
                    {v.note && <> — {v.note}</>}
                    {v.earlier && <> <span className="badge stale">{t('review.earlierVersion')}</span></>}
                  </li>
                ))}
                {myOrg && !row.verdicts.some((v) => v.org === myOrg) && (
                  <li className="muted">
                    <strong>{myOrg}</strong>: {t('review.never')}
                  </li>
                )}
              </ul>
              {row.openThreads > 0 && <p className="muted">{t('review.openThreads', { count: row.openThreads })}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
