import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

// shared/ is the domain: a reader learns what a plan is from it alone, so it may not reach
// for Node, the DOM, storage or transport (Excalidraw's element package rule).
const sharedForbidden = [
  'node:*', 'fs', 'path', 'os', 'crypto', 'ws', 'better-sqlite3', 'pino', 'prom-client',
  'y-websocket', 'dexie', 'react', 'react-dom', 'electron', '../server/*', '../renderer/*', '../electron/*',
]

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Sandboxed preload scripts must be CommonJS.
    files: ['electron/preload.cts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/public/sw.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    // A dropped promise on the server is an unhandled rejection waiting to happen.
    files: ['server/**/*.ts', 'shared/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: sharedForbidden }],
    },
  },
)
