import { useSyncExternalStore } from 'react'
import { ActionFilter } from '../../shared/index.js'

/** The table's filters as a link carries them (`…/table?status=done&overdueOnly=true`); what does not parse is left out. */
export type TableFilterQuery = Partial<ActionFilter>
const FilterQuery = ActionFilter.partial()
const filterFromQuery = (query: string): TableFilterQuery | undefined => {
  if (!query) return undefined
  const params = Object.fromEntries(new URLSearchParams(query))
  const parsed = FilterQuery.safeParse({ ...params, ...(params.overdueOnly ? { overdueOnly: params.overdueOnly === 'true' } : {}) })
  return parsed.success ? Object.fromEntries(Object.entries(parsed.data).filter(([key]) => key in params)) : undefined
}

export type Route =
  | { view: 'plans' }
  | { view: 'commitments' }
  /** The desktop app's page for hosting a workshop from this computer. */
  | { view: 'host' }
  /** A workshop's join page, from the short address on the projector. */
  | { view: 'join'; code: string }
  | { view: 'board'; planId: string }
  | { view: 'table'; planId: string; filter?: TableFilterQuery }
  | { view: 'stakeholders'; planId: string }
  | { view: 'review'; planId: string }
  | { view: 'history'; planId: string }
  | { view: 'access'; planId: string }
  | { view: 'report'; planId: string }
  | { view: 'dashboard'; planId: string }
  | { view: 'action'; planId: string; actionId: string }
  | { view: 'workshops'; planId: string }
  /** A workshop session: the room (phones and laptops), the projector, or the outcome. */
  | { view: 'workshop'; planId: string; workshopId: string; mode: WorkshopMode }
  /** `compareWith`: another version to compare it with instead of the plan now. */
  | { view: 'version'; planId: string; versionId: string; compareWith?: string }

export type WorkshopMode = 'room' | 'projector' | 'summary'

const ID = '([A-Za-z0-9_-]{1,64})'
const patterns: [RegExp, (m: RegExpExecArray, query: string) => Route][] = [
  [/^\/commitments$/, () => ({ view: 'commitments' })],
  [/^\/host$/, () => ({ view: 'host' })],
  [/^\/join\/([A-Za-z0-9]{1,16})$/, (m) => ({ view: 'join', code: m[1]!.toUpperCase() })],
  [new RegExp(`^/plan/${ID}/workshops$`), (m) => ({ view: 'workshops', planId: m[1]! })],
  [new RegExp(`^/plan/${ID}/workshop/${ID}(?:/(projector|summary))?$`), (m) => ({ view: 'workshop', planId: m[1]!, workshopId: m[2]!, mode: (m[3] as WorkshopMode | undefined) ?? 'room' })],
  [new RegExp(`^/plan/${ID}/?$`), (m) => ({ view: 'board', planId: m[1]! })],
  [new RegExp(`^/plan/${ID}/table$`), (m, query) => ({ view: 'table', planId: m[1]!, filter: filterFromQuery(query) })],
  [new RegExp(`^/plan/${ID}/dashboard$`), (m) => ({ view: 'dashboard', planId: m[1]! })],
  [new RegExp(`^/plan/${ID}/stakeholders$`), (m) => ({ view: 'stakeholders', planId: m[1]! })],
  [new RegExp(`^/plan/${ID}/review$`), (m) => ({ view: 'review', planId: m[1]! })],
  [new RegExp(`^/plan/${ID}/history$`), (m) => ({ view: 'history', planId: m[1]! })],
  [new RegExp(`^/plan/${ID}/access$`), (m) => ({ view: 'access', planId: m[1]! })],
  [new RegExp(`^/plan/${ID}/report$`), (m) => ({ view: 'report', planId: m[1]! })],
  [new RegExp(`^/plan/${ID}/action/${ID}$`), (m) => ({ view: 'action', planId: m[1]!, actionId: m[2]! })],
  [
    new RegExp(`^/plan/${ID}/version/([0-9a-f-]{36})$`),
    (m, query) => {
      const other = /^[0-9a-f-]{36}$/.exec(new URLSearchParams(query).get('with') ?? '')?.[0]
      return { view: 'version', planId: m[1]!, versionId: m[2]!, ...(other ? { compareWith: other } : {}) }
    },
  ],
]

/** Routes live in the hash, so the same build works from the server and from a file. */
export const parseRoute = (hash: string): Route => {
  const [path = '/', query = ''] = hash.replace(/^#/, '').split('?')
  for (const [pattern, make] of patterns) {
    const match = pattern.exec(path || '/')
    if (match) return make(match, query)
  }
  return { view: 'plans' }
}

export const hrefFor = (route: Route): string => {
  switch (route.view) {
    case 'plans':
      return '#/'
    case 'commitments':
      return '#/commitments'
    case 'host':
      return '#/host'
    case 'join':
      return `#/join/${route.code}`
    case 'workshops':
      return `#/plan/${route.planId}/workshops`
    case 'workshop':
      return `#/plan/${route.planId}/workshop/${route.workshopId}${route.mode === 'room' ? '' : `/${route.mode}`}`
    case 'board':
      return `#/plan/${route.planId}`
    case 'table': {
      const query = new URLSearchParams(Object.entries(route.filter ?? {}).filter(([, v]) => v !== null && v !== '' && v !== false).map(([k, v]) => [k, String(v)]))
      return `#/plan/${route.planId}/table${query.size > 0 ? `?${query}` : ''}`
    }
    case 'dashboard':
    case 'stakeholders':
    case 'review':
    case 'history':
    case 'access':
    case 'report':
      return `#/plan/${route.planId}/${route.view}`
    case 'action':
      return `#/plan/${route.planId}/action/${route.actionId}`
    case 'version':
      return `#/plan/${route.planId}/version/${route.versionId}${route.compareWith ? `?with=${route.compareWith}` : ''}`
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

/** What a pasted link or plan id leads to. */
export type PastedLink =
  /** A place of the app on this server, with the invite token the link carries. */
  | { kind: 'here'; route: Route; token: string | null }
  /** Another JointPlan server (another laptop hosting a workshop): the window goes there. */
  | { kind: 'elsewhere'; url: string }

/**
 * Where a pasted link leads: a plan's invite (`…#/plan/<id>?token=…`), a coordinator's
 * (`…#/commitments?token=…`), a workshop's join address (`…/j/7KQ2MX4P`), or a bare plan
 * id, on this server (`here`, its origin) or on another; null when it is none of these. A
 * link with credentials in it ("https://ilo.org@evil.example/…") is a disguise: null.
 */
export const readPastedLink = (input: string, here: string): PastedLink | null => {
  const text = input.trim()
  if (/^[A-Za-z0-9_-]{1,64}$/.test(text)) return { kind: 'here', route: { view: 'board', planId: text }, token: null }
  const url = URL.canParse(text) ? new URL(text) : null
  if (url) {
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return null
    if (url.origin !== here) return { kind: 'elsewhere', url: url.toString() }
    const code = /^\/j\/([A-Za-z0-9]{1,16})$/.exec(url.pathname)?.[1]
    if (code) return { kind: 'here', route: { view: 'join', code: code.toUpperCase() }, token: null }
  }
  const hash = /#(\/[^#]*)$/.exec(text)?.[1]
  if (!hash) return null
  const route = parseRoute(hash)
  if (route.view === 'plans') return null
  return { kind: 'here', route, token: new URLSearchParams(hash.split('?')[1] ?? '').get('token') }
}
