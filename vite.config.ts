import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** `vite` (development) forwards the API and the rooms to a server started with `npm run server`. */
const devServer = process.env.JOINTPLAN_SERVER ?? 'http://127.0.0.1:4455'

// Relative asset paths, so the same build runs from the sync server and from Electron's file:// page.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, chunkSizeWarningLimit: 2048 },
  server: {
    proxy: {
      '/api': devServer,
      '/plan': { target: devServer, ws: true },
    },
  },
})
