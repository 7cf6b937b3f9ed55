import { httpUrl } from './serverUrl.js'
import { isHostDevice, manyPlansToken } from './tokens.js'

/**
 * The host (holding the local owner's token) is named by what they type on the plans page:
 * the server records it, so that History, Review and others' screens show that name. Sent
 * at start and on every change; offline, the next start sends it.
 */
export const sendHostName = async (profile: { name: string; org: string }): Promise<void> => {
  const token = manyPlansToken()
  if (!token || !isHostDevice()) return
  await fetch(httpUrl('/api/me'), {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: profile.name, org: profile.org }),
  }).catch(() => undefined)
}
