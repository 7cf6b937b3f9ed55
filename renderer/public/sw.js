// The app shell for offline use: network first (a new build is picked up at once), the
// cache when the network is gone. API, health and metrics are never cached.
const CACHE = 'jointplan-shell-v1'

const shellUrls = async () => {
  const res = await fetch('./index.html', { cache: 'no-store' })
  const html = await res.text()
  const assets = [...html.matchAll(/(?:src|href)="(\.\/assets\/[^"]+)"/g)].map((m) => m[1])
  return ['./', './index.html', ...assets]
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    shellUrls()
      .then((urls) => caches.open(CACHE).then((cache) => cache.addAll(urls)))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))

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
