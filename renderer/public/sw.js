// The app shell for offline use: network first (a new build is picked up at once), the
// cache when the network is gone. API, health and metrics are never cached.
//
// At install it keeps every script and style of the build (`precache.json`, written by the
// build), not only the first view's: a delegate may open the table, an action or another
// language for the first time with no network. Fonts of the small scripts (Latin with
// Vietnamese, Khmer, Thai) are kept too; Japanese (5 MB in 248 subsets) only once the page
// asks for it, when a person chooses Japanese.
const CACHE = 'jointplan-shell-v2'
const ALWAYS = ['noto-sans', 'noto-sans-khmer', 'noto-sans-thai']

const manifest = () => fetch('./precache.json', { cache: 'no-store' }).then((res) => res.json())

const keep = async (urls) => {
  const cache = await caches.open(CACHE)
  const missing = []
  for (const url of urls) if (!(await cache.match(url))) missing.push(url)
  await cache.addAll(missing)
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    manifest()
      .then(({ shell, fonts }) => keep(['./', './index.html', ...shell, ...ALWAYS.flatMap((family) => fonts[family] ?? [])]))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  )
})

// { type: 'keep-fonts', families: [...] } from the page; answers on the given port when kept.
self.addEventListener('message', (event) => {
  if (event.data?.type !== 'keep-fonts' || !Array.isArray(event.data.families)) return
  const families = event.data.families.filter((family) => typeof family === 'string')
  event.waitUntil(
    manifest()
      .then(({ fonts }) => keep(families.flatMap((family) => fonts[family] ?? [])))
      .then(
        () => event.ports[0]?.postMessage({ kept: true }),
        (error) => event.ports[0]?.postMessage({ kept: false, reason: String(error) }),
      ),
  )
})

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url)
  const skip = ['/api/', '/healthz', '/metrics'].some((p) => url.pathname.startsWith(p))
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || skip) return
  event.respondWith(
    fetch(event.request)
      .then((res) => {
        if (res.ok) {
          const copy = res.clone()
          void caches.open(CACHE).then((cache) => cache.put(event.request, copy))
        }
        return res
      })
      .catch(() =>
        caches.match(event.request, { ignoreSearch: true }).then((hit) => hit ?? caches.match('./index.html')),
      ),
  )
})
