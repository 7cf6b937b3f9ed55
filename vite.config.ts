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

// Relative asset paths, so the same build runs from the sync server and from Electron's file:// page.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), languageNames()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, chunkSizeWarningLimit: 2048 },
  server: {
    proxy: {
      '/api': devServer,
      '/plan': { target: devServer, ws: true },
    },
  },
})
