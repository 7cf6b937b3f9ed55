/**
 * Where the app's window may go. It shows the app, from its own server, and nothing else:
 * a link to elsewhere (a URL in a description) opens in the system browser, and only an
 * http, https or mailto link does; anything else is refused.
 */
export type NavigationDecision = { kind: 'allow' } | { kind: 'external'; url: string } | { kind: 'deny' }

const EXTERNAL_PROTOCOLS = new Set(['https:', 'http:', 'mailto:'])

export const decideNavigation = (target: string, appOrigin: string): NavigationDecision => {
  let url: URL
  try {
    url = new URL(target)
  } catch {
    return { kind: 'deny' }
  }
  if (url.origin === appOrigin) return { kind: 'allow' }
  // Credentials in a link ("https://bank.example@evil.example") are a disguise, not a destination.
  if (url.username || url.password) return { kind: 'deny' }
  return EXTERNAL_PROTOCOLS.has(url.protocol) ? { kind: 'external', url: url.toString() } : { kind: 'deny' }
}

/** An IPC message is taken only from a frame showing the app's own origin (not an embedded or navigated-away page). */
export const isTrustedSender = (frameUrl: string | undefined, appOrigin: string): boolean => {
  if (!frameUrl) return false
  try {
    return new URL(frameUrl).origin === appOrigin
  } catch {
    return false
  }
}
