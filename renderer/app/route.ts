import { useSyncExternalStore } from 'react'

export type Route =
  | { view: 'plans' }
  | { view: 'board'; planId: string }
  | { view: 'table'; planId: string }
  | { view: 'stakeholders'; planId: string }
  | { view: 'review'; planId: string }
  | { view: 'history'; planId: string }
  | { view: 'access'; planId: string }
  | { view: 'report'; planId: string }
  | { view: 'action'; planId: string; actionId: string }

const ID = '([A-Za-z0-9_-]{1,64})'
const patterns: [RegExp, (m: RegExpExecArray) => Route][] = [
  [new RegExp(`^/plan/${ID}/?$`), (m) => ({ view: 'board', planId: m[1]! })],
  [new RegExp(`^/plan/${ID}/table$`), (m) => ({ view: 'table', planId: m[1]! })],
  [new RegExp(`^/plan/${ID}/stakeholders$`), (m) => ({ view: 'stakeholders', planId: m[1]! })],
  [new RegExp(`^/plan/${ID}/review$`), (m) => ({ view: 'review', planId: m[1]! })],
  [new RegExp(`^/plan/${ID}/history$`), (m) => ({ view: 'history', planId: m[1]! })],
  [new RegExp(`^/plan/${ID}/access$`), (m) => ({ view: 'access', planId: m[1]! })],
  [new RegExp(`^/plan/${ID}/report$`), (m) => ({ view: 'report', planId: m[1]! })],
  [new RegExp(`^/plan/${ID}/action/${ID}$`), (m) => ({ view: 'action', planId: m[1]!, actionId: m[2]! })],
]

/** Routes live in the hash, so the same build works from the server and from a file. */
export const parseRoute = (hash: string): Route => {
  const path = hash.replace(/^#/, '').split('?')[0] || '/'
  for (const [pattern, make] of patterns) {
    const match = pattern.exec(path)
    if (match) return make(match)
  }
  return { view: 'plans' }
}

export const hrefFor = (route: Route): string => {
  switch (route.view) {
    case 'plans':
      return '#/'
    case 'board':
      return `#/plan/${route.planId}`
    case 'table':
    case 'stakeholders':
    case 'review':
    case 'history':
    case 'access':
    case 'report':
      return `#/plan/${route.planId}/${route.view}`
    case 'action':
      return `#/plan/${route.planId}/action/${route.actionId}`
  }
}

export const navigate = (route: Route): void => {
  location.hash = hrefFor(route)
}

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener)
  return () => window.removeEventListener('hashchange', listener)
}

export const useRoute = (): Route => {
  const hash = useSyncExternalStore(subscribe, () => location.hash)
  return parseRoute(hash)
}

/** A plan id and the invite token from a pasted link (`…#/plan/<id>?token=…`), or a bare id; null when it is neither. */
export const parseInviteLink = (input: string): { planId: string; token: string | null } | null => {
  const text = input.trim()
  if (/^[A-Za-z0-9_-]{1,64}$/.test(text)) return { planId: text, token: null }
  const match = /#\/plan\/([A-Za-z0-9_-]{1,64})[^?]*(?:\?(.*))?$/.exec(text)
  if (!match?.[1]) return null
  return { planId: match[1], token: new URLSearchParams(match[2] ?? '').get('token') }
}
