import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { segmentLeft, type WorkshopView } from '../../../shared/index.js'

const clock = (seconds: number): string => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`

/** The current segment and the time left in it, ticking each second; nothing when no segment runs. */
export const SegmentTimer = ({ workshop, large = false }: { workshop: Pick<WorkshopView, 'setup' | 'state'>; large?: boolean }) => {
  const { t } = useTranslation()
  const [now, setNow] = useState(() => Date.now())
  const running = workshop.state.segment !== null
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [running])
  const left = segmentLeft(workshop, now)
  const segment = workshop.state.segment ? workshop.setup?.agenda[workshop.state.segment.index] : undefined
  if (left === null || !segment) return null
  return (
    <p className={`segment-timer${large ? ' large' : ''}${left === 0 ? ' over' : ''}`} role="timer" aria-label={t('workshop.timerLabel', { segment: segment.title })}>
      <span className="segment-title">{segment.title}</span> <strong>{left === 0 ? t('workshop.timeUp') : clock(left)}</strong>
    </p>
  )
}
