import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// Relative asset paths, so the same build runs from the sync server and from Electron's file:// page.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, chunkSizeWarningLimit: 2048 },
})
