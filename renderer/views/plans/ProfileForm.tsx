import { useTranslation } from 'react-i18next'
import { saveProfile, useProfile } from '../../hooks/useProfile.js'

/** Name and organization shown to others in the plan; saved as typed. */
export const ProfileForm = () => {
  const { t } = useTranslation()
  const profile = useProfile()
  return (
    <form className="card-panel" aria-labelledby="profile-heading" onSubmit={(e) => e.preventDefault()}>
      <h2 id="profile-heading">{t('plans.profileHeading')}</h2>
      <label className="field">
        <span>{t('plans.nameLabel')}</span>
        <input
          defaultValue={profile.name}
          onBlur={(e) => saveProfile({ name: e.target.value, org: profile.org })}
          autoComplete="name"
        />
      </label>
      <label className="field">
        <span>{t('plans.orgLabel')}</span>
        <input
          defaultValue={profile.org}
          onBlur={(e) => saveProfile({ name: profile.name, org: e.target.value })}
          autoComplete="organization"
        />
      </label>
    </form>
  )
}
