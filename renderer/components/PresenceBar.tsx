import { useTranslation } from 'react-i18next'
import type { Peer } from '../hooks/usePresence.js'
import { colorFor } from '../../shared/index.js'
import { usePlanAccess } from '../hooks/usePlanAccess.js'

const initials = (name: string): string =>
  name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => [...w][0]?.toUpperCase() ?? '').join('')

/** Who is in the plan now, and what each is looking at. */
export const PresenceBar = ({ peers, titleOf }: { peers: Peer[]; titleOf: (actionId: string) => string | null }) => {
  const { t } = useTranslation()
  const { me: who } = usePlanAccess()
  const me = { ...who, color: colorFor(who.name + who.org) }
  return (
    <section className="presence" aria-label={t('presence.heading')}>
      <ul>
        <li className="avatar" style={{ background: me.color }} title={`${me.name} (${t('presence.you')})`}>
          <span aria-hidden="true">{initials(me.name)}</span>
          <span className="sr-only">{`${me.name} (${t('presence.you')})`}</span>
        </li>
        {peers.map(({ clientId, presence }) => {
          const viewing = presence.viewing ? titleOf(presence.viewing) : null
          const label = [presence.user.name, presence.user.org, viewing ? t('presence.viewing', { title: viewing }) : null]
            .filter(Boolean)
            .join(', ')
          return (
            <li key={clientId} className="avatar" style={{ background: presence.user.color }} title={label} data-peer={presence.user.name}>
              <span aria-hidden="true">{initials(presence.user.name)}</span>
              <span className="sr-only">{label}</span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
