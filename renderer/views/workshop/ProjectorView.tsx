import { useTranslation } from 'react-i18next'
import { hrefFor } from '../../app/route.js'
import { usePlanAccess } from '../../hooks/usePlanAccess.js'
import { usePresence } from '../../hooks/usePresence.js'
import { useQrCode } from '../../hooks/useQrCode.js'
import { useWorkshop } from '../../hooks/useWorkshop.js'
import { useShareOrigin } from '../../sync/shareOrigin.js'
import { joinAddress, useJoinCode } from './JoinCodePanel.js'
import { SegmentTimer } from './SegmentTimer.js'

/**
 * What the room sees on the wall, legible at 3 m: how to join (a big QR code and the short
 * address), who has joined, the timer, and the recommendations with their votes once the
 * facilitator reveals them.
 */
export const ProjectorView = ({ planId, workshopId }: { planId: string; workshopId: string }) => {
  const { t } = useTranslation()
  const access = usePlanAccess()
  const { session, workshop } = useWorkshop(planId, workshopId)
  const peers = usePresence(session, null, access.me)
  const { code } = useJoinCode(planId, workshopId)
  const origin = useShareOrigin()
  const address = code ? joinAddress(origin, code.code) : null
  const qr = useQrCode(address)
  const { setup, state } = workshop
  if (!setup) return <p className="muted">{t('workshop.loading')}</p>
  const cards = state.revealed ? [...workshop.cards].sort((a, b) => b.votes - a.votes) : workshop.cards
  return (
    <div className="projector">
      <header className="projector-head">
        <h1>{setup.title}</h1>
        <SegmentTimer workshop={workshop} large />
        <a className="projector-back" href={hrefFor({ view: 'workshop', planId, workshopId, mode: 'room' })}>{t('workshop.backToRoom')}</a>
      </header>
      {!state.closed && (
        <section className="projector-join" aria-label={t('workshop.howToJoin')}>
          {qr && <img src={qr} alt={t('workshop.qrAlt', { address: address ?? '' })} width={360} height={360} />}
          <div>
            <p className="projector-address" data-testid="projector-address">{address ?? t('workshop.noJoinCode')}</p>
            <p>{t('workshop.joinedCount', { count: peers.length })}</p>
            <ul className="projector-people">
              {peers.map((peer) => (
                <li key={peer.clientId}>{peer.presence.user.name}</li>
              ))}
            </ul>
          </div>
        </section>
      )}
      <p className="projector-state">{state.voting ? t('workshop.votingOpen') : state.revealed ? t('workshop.results') : t('workshop.cardsCount', { count: workshop.cards.length })}</p>
      <ol className="projector-cards">
        {cards.map((card) => (
          <li key={card.id}>
            <span className="projector-card-text">{card.text}</span>
            {state.revealed && <strong className="projector-votes">{card.votes}</strong>}
          </li>
        ))}
      </ol>
    </div>
  )
}
