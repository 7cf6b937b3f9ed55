import '@fontsource/noto-sans/400.css'
import '@fontsource/noto-sans/700.css'
import '@fontsource/noto-sans-jp/400.css'
import '@fontsource/noto-sans-jp/700.css'
import '@fontsource/noto-sans-khmer/400.css'
import '@fontsource/noto-sans-khmer/700.css'
import '@fontsource/noto-sans-thai/400.css'
import '@fontsource/noto-sans-thai/700.css'
import './styles.css'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.js'
import i18next from 'i18next'
import { initI18n } from './i18n.js'
import { keepFontsOffline } from './offlineFonts.js'
import { flushAllSessions } from './sync/sessions.js'
import { captureTokenFromLocation } from './sync/tokens.js'


const start = async () => {
  captureTokenFromLocation()
  await initI18n()
  const root = document.getElementById('root')
  if (!root) throw new Error('no #root element')
  createRoot(root).render(<App />)
  // The app shell is cached by a service worker so that a reload with no network still opens.
  if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
    void navigator.serviceWorker.register('./sw.js').catch(() => undefined)
    void navigator.serviceWorker.ready.then(() => keepFontsOffline(i18next.language))
  }
  // Best effort in a browser tab; the desktop window asks and waits before it closes.
  window.addEventListener('pagehide', () => void flushAllSessions())
  window.jointplanDesktop?.onFlushRequest(() => flushAllSessions().then(() => true, () => false))
}

void start()
