import { useTranslation } from 'react-i18next'
import { ok } from '../../../shared/index.js'
import { DateField } from '../detail/DateField.js'

/** Which session it is: its title, day and place. */
export interface SessionName {
  title: string
  date: string
  place: string
}

/** The fields of `SessionName`, in the forms that open a session and change it. */
export const SessionNameFields = ({ name, change, titlePlaceholder }: { name: SessionName; change: (patch: Partial<SessionName>) => void; titlePlaceholder?: string }) => {
  const { t } = useTranslation()
  return (
    <>
      <label className="field grow">
        <span>{t('workshop.title')}</span>
        <input value={name.title} onChange={(e) => change({ title: e.target.value })} placeholder={titlePlaceholder} />
      </label>
      <DateField label={t('workshop.date')} value={name.date} commit={(iso) => ok(change({ date: iso ?? '' }))} />
      <label className="field grow">
        <span>{t('workshop.place')}</span>
        <input value={name.place} onChange={(e) => change({ place: e.target.value })} />
      </label>
    </>
  )
}

/** How a session runs, as the facilitator types it: the agenda (`agenda.ts`), the votes each person has, whether names are shown. */
export interface SessionRules {
  agenda: string
  votes: string
  anonymous: boolean
}

/** The fields of `SessionRules`, in the forms that open a session and change it. */
export const SessionRulesFields = ({ rules, change }: { rules: SessionRules; change: (patch: Partial<SessionRules>) => void }) => {
  const { t } = useTranslation()
  return (
    <>
      <label className="field full">
        <span>{t('workshop.agenda')}</span>
        <textarea rows={3} value={rules.agenda} placeholder={t('workshop.agendaPlaceholder')} onChange={(e) => change({ agenda: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('workshop.votesPerPerson')}</span>
        <input type="number" min={1} max={20} value={rules.votes} onChange={(e) => change({ votes: e.target.value })} />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={rules.anonymous} onChange={(e) => change({ anonymous: e.target.checked })} />
        {t('workshop.anonymous')}
      </label>
    </>
  )
}
