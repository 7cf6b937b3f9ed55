import { useTranslation } from 'react-i18next'
import { VERDICTS, type Position } from '../../../shared/index.js'

export interface StandingRow {
  org: string
  counts: Record<Position, number>
  earlier: number
}

/** Each organization's count of verdicts, actions with none, and verdicts given on an earlier version. */
export const StandingsTable = ({ caption, rows }: { caption: string; rows: readonly StandingRow[] }) => {
  const { t } = useTranslation()
  return (
    <div className="table-scroll">
      <table className="standings">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('review.organization')}</th>
            {VERDICTS.map((v) => (
              <th key={v} scope="col">{t(`review.verdict_${v}`)}</th>
            ))}
            <th scope="col">{t('review.noVerdict')}</th>
            <th scope="col">{t('review.earlierHeader')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.org}>
              <th scope="row">{o.org}</th>
              {VERDICTS.map((v) => (
                <td key={v}>{o.counts[v]}</td>
              ))}
              <td>{o.counts.none}</td>
              <td>{o.earlier}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
