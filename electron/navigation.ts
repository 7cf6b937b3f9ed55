/**
 * Where the app's window may go. It shows the app, from this computer's server or from a
 * server the person chose to join, and nothing else: a link to elsewhere (a URL in a
 * description) opens in the system browser, and only an http, https or mailto link does;
 * anything else is refused.
 */
export type NavigationDecision = { kind: 'allow' } | { kind: 'external'; url: string } | { kind: 'deny' }

const EXTERNAL_PROTOCOLS = new Set(['https:', 'http:', 'mailto:'])

const originOf = (target: string | undefined): string | null => {
  if (!target) return null
  try {
    return new URL(target).origin
  } catch {
    return null
  }
}

/** `shown`: the app's own origin and, when the person joined one, the other server's. */
export const decideNavigation = (target: string, shown: readonly string[]): NavigationDecision => {
  let url: URL
  try {
    url = new URL(target)
  } catch {
    return { kind: 'deny' }
  }
  if (shown.includes(url.origin)) return { kind: 'allow' }
  // Credentials in a link ("https://bank.example@evil.example") are a disguise, not a destination.
  if (url.username || url.password) return { kind: 'deny' }
  return EXTERNAL_PROTOCOLS.has(url.protocol) ? { kind: 'external', url: url.toString() } : { kind: 'deny' }
}

/** An IPC message is taken only from a frame showing one of `origins` (not an embedded or navigated-away page). */
export const isTrustedSender = (frameUrl: string | undefined, origins: readonly string[]): boolean => {
  const origin = originOf(frameUrl)
  return origin !== null && origins.includes(origin)
}
