import { useTranslation } from 'react-i18next'
import { MAX_DAYS } from '../../../shared/index.js'

export interface InvitePerson {
  name: string
  org: string
  days: string
}

/** Who an invite is for and how long it lasts: the same three fields in every invite form. */
export const PersonFields = ({ value, onChange }: { value: InvitePerson; onChange: (next: InvitePerson) => void }) => {
  const { t } = useTranslation()
  return (
    <>
      <label className="field grow">
        <span>{t('access.name')}</span>
        <input value={value.name} onChange={(e) => onChange({ ...value, name: e.target.value })} />
      </label>
      <label className="field grow">
        <span>{t('access.org')}</span>
        <input value={value.org} onChange={(e) => onChange({ ...value, org: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('access.days')}</span>
        <input type="number" min={1} max={MAX_DAYS} value={value.days} onChange={(e) => onChange({ ...value, days: e.target.value })} size={5} />
      </label>
    </>
  )
}
