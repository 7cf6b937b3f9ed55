import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { JoinInput, toIssues } from '../../../shared/index.js'
import { navigate } from '../../app/route.js'
import { CheckedForm } from '../../components/CheckedForm.js'
import { useIssueText } from '../../hooks/useIssueText.js'
import { saveProfile, useProfile } from '../../hooks/useProfile.js'
import { saveToken } from '../../sync/tokens.js'

const Joined = z.object({ token: z.string(), planId: z.string(), workshopId: z.string() })
const Failure = z.object({ error: z.string() })

/**
 * The page a participant reaches from the projector's QR code or short address: they say
 * who they are, get an invite of their own for the session, and go to the room.
 */
export const JoinView = ({ code }: { code: string }) => {
  const { t } = useTranslation()
  const profile = useProfile()
  const { issueText } = useIssueText()
  // A device that never named its person holds a made-up name: the participant types theirs.
  const [draft, setDraft] = useState({ name: /^Participant \d+$/.test(profile.name) ? '' : profile.name, org: profile.org })
  const [error, setError] = useState<string | null>(null)
  const join = async () => {
    const input = JoinInput.safeParse({ code, ...draft })
    if (!input.success) return setError(toIssues(input.error).map(issueText).join(' '))
    const res = await fetch('/api/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input.data) }).catch(() => null)
    if (!res) return setError(t('workshop.joinOffline'))
    const body: unknown = await res.json().catch(() => null)
    const joined = Joined.safeParse(body)
    if (!res.ok || !joined.success) return setError(res.status === 404 ? t('workshop.joinUnknown') : (Failure.safeParse(body).data?.error ?? `HTTP ${res.status}`))
    saveToken(joined.data.token)
    saveProfile({ ...profile, name: input.data.name, org: input.data.org ?? '' })
    navigate({ view: 'workshop', planId: joined.data.planId, workshopId: joined.data.workshopId, mode: 'room' })
  }
  return (
    <section className="card-panel join-view" aria-labelledby="join-heading">
      <h1 id="join-heading">{t('workshop.joinHeading')}</h1>
      <p className="muted">{t('workshop.joinHelp', { code })}</p>
      <CheckedForm label={t('workshop.joinHeading')} submitLabel={t('workshop.joinButton')} error={error} onSubmit={join}>
        <label className="field full">
          <span>{t('workshop.yourName')}</span>
          <input value={draft.name} autoComplete="name" onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </label>
        <label className="field full">
          <span>{t('workshop.yourOrg')}</span>
          <input value={draft.org} autoComplete="organization" onChange={(e) => setDraft({ ...draft, org: e.target.value })} />
        </label>
      </CheckedForm>
    </section>
  )
}
