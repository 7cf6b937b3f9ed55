import { useSyncExternalStore } from 'react'

/** The same width as the stylesheet's phone layout (`@media (max-width: 700px)`). */
const query = '(max-width: 700px)'

/** Whether the window is phone-narrow, for layouts CSS alone cannot switch (fixed virtual row heights). */
export const useNarrow = (): boolean =>
  useSyncExternalStore(
    (listener) => {
      const list = matchMedia(query)
      list.addEventListener('change', listener)
      return () => list.removeEventListener('change', listener)
    },
    () => matchMedia(query).matches,
  )
