import { useEffect, useState } from 'react'
import { z } from 'zod'

const ServerInfo = z.object({ publicOrigin: z.string().url().nullable() })

let asked: Promise<string> | null = null

/**
 * The address links handed to others are built from: the server's address on the room's
 * network when it says it has one (the desktop host's window shows the app from
 * 127.0.0.1, which no participant can reach), else this page's own address.
 */
export const shareOrigin = (): Promise<string> =>
  (asked ??= fetch('/api/server')
    .then((res) => res.json())
    .then((body: unknown) => ServerInfo.safeParse(body).data?.publicOrigin ?? location.origin)
    .catch(() => {
      asked = null
      return location.origin
    }))

/** The server's address on the network changed (the desktop host opened or closed it): ask again. */
export const forgetShareOrigin = (): void => {
  asked = null
}

/** `shareOrigin()` for a view: this page's address until the server has answered. */
export const useShareOrigin = (): string => {
  const [origin, setOrigin] = useState(location.origin)
  useEffect(() => {
    let live = true
    void shareOrigin().then((found) => live && setOrigin(found))
    return () => {
      live = false
    }
  }, [])
  return origin
}

/** An invite link to a route of the app, on the shared address. */
export const inviteLink = async (route: string, token: string): Promise<string> => `${await shareOrigin()}${location.pathname}#${route}?token=${token}`
