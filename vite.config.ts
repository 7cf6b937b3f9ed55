import { readdirSync, readFileSync } from 'node:fs'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

/** `vite` (development) forwards the API and the rooms to a server started with `npm run server`. */
const devServer = process.env.JOINTPLAN_SERVER ?? 'http://127.0.0.1:4455'

const MESSAGES = new URL('./shared/messages/', import.meta.url)
const LANGUAGES_MODULE = 'virtual:jointplan-languages'

/**
 * Each catalogue's name for its own language, read at build time, so that the language menu
 * can name every language without loading every catalogue (browsers' own language names
 * are missing for some, Khmer among them). A new catalogue file appears in the menu by itself.
 */
const languageNames = (): Plugin => ({
  name: 'jointplan-language-names',
  resolveId: (id) => (id === LANGUAGES_MODULE ? `\0${LANGUAGES_MODULE}` : null),
  load(id) {
    if (id !== `\0${LANGUAGES_MODULE}`) return null
    const names: Record<string, string> = {}
    for (const file of readdirSync(MESSAGES).filter((f) => f.endsWith('.json')).sort()) {
      const catalogue = JSON.parse(readFileSync(new URL(file, MESSAGES), 'utf8')) as { app: { languageName: string } }
      this.addWatchFile(new URL(file, MESSAGES).pathname)
      names[file.replace(/\.json$/, '')] = catalogue.app.languageName
    }
    return `export default ${JSON.stringify(names)}`
  },
})

/** Which font family a bundled font file belongs to: the scripts other than Latin have their own. */
const FONT_FAMILIES = ['noto-sans-jp', 'noto-sans-khmer', 'noto-sans-thai']
const familyOf = (file: string): string => FONT_FAMILIES.find((family) => file.includes(`/${family}-`)) ?? 'noto-sans'

/**
 * `precache.json`: every file of the app shell (scripts of every view and language, styles)
 * and the font files by family, so that the service worker can keep, at install, everything
 * a delegate may open offline for the first time, not only what the first view loaded.
 */
const precacheManifest = (): Plugin => ({
  name: 'jointplan-precache-manifest',
  generateBundle(_options, bundle) {
    const files = Object.keys(bundle).map((name) => `./${name}`)
    const fonts: Record<string, string[]> = {}
    for (const file of files.filter((f) => f.endsWith('.woff2'))) (fonts[familyOf(file)] ??= []).push(file)
    const shell = files.filter((f) => /\.(js|css|html)$/.test(f))
    this.emitFile({ type: 'asset', fileName: 'precache.json', source: JSON.stringify({ shell, fonts }) })
  },
})

// Relative asset paths, so the same build runs from the sync server and from Electron's file:// page.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), languageNames(), precacheManifest()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, chunkSizeWarningLimit: 2048 },
  server: {
    proxy: {
      '/api': devServer,
      '/plan': { target: devServer, ws: true },
    },
  },
})
