import { Ajv } from 'ajv'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { load as loadYaml } from 'js-yaml'
import { minimatch } from 'minimatch'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// The installers are built elsewhere (Electron cannot be downloaded here); what can be
// checked here is checked: the configuration against electron-builder's own schema, and
// that everything the built main process loads would be inside the package.
const root = fileURLToPath(new URL('../..', import.meta.url))
const schema = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object
const config = loadYaml(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & { files: string[] }
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> }

const validate = new Ajv({ strict: false, allErrors: true }).compile(schema)
const errorsOf = (candidate: unknown): string[] => (validate(candidate) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`))

/** Every project file the `files` patterns take (electron-builder adds production dependencies on its own). */
const packagedFiles = (patterns: readonly string[]): Set<string> => {
  const walk = (dir: string): string[] => readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]))
  const candidates = ['package.json', ...walk('dist')].map((file) => file.split(sep).join('/'))
  const included = candidates.filter((file) => patterns.some((p) => !p.startsWith('!') && minimatch(file, p, { dot: true })))
  return new Set(included.filter((file) => !patterns.some((p) => p.startsWith('!') && !minimatch(file, p, { dot: true, flipNegate: false }))))
}

/** What a built file points at: its imports, and the files it names beside itself (scripts it starts, the preload, the renderer). */
const referencesOf = (file: string): { relative: string[][]; bare: string[] } => {
  const text = readFileSync(join(root, file), 'utf8')
  const imports = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName)
  const named: string[][] = []
  // `new URL('./x.mjs', import.meta.url)`, with a `${cond ? 'ts' : 'js'}` choice taken either way.
  for (const match of text.matchAll(/new URL\((?:'(\.{1,2}\/[^']+)'|`(\.{1,2}\/[^`]+)`), import\.meta\.url\)/g)) {
    const spelled = (match[1] ?? match[2])!
    const choice = /\$\{[^}]*\?\s*'([^']*)'\s*:\s*'([^']*)'\s*\}/.exec(spelled)
    named.push(choice ? [spelled.replace(choice[0], choice[1]!), spelled.replace(choice[0], choice[2]!)] : [spelled])
  }
  // `join(here, '..', '..', 'renderer')`: `here` is the file's folder.
  for (const match of text.matchAll(/join\(here((?:, '[^']+')+)\)/g)) named.push([[...match[1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!).join('/')])
  const relativeImports = imports.filter((i) => i.startsWith('.')).map((i) => [i])
  return { relative: [...relativeImports, ...named], bare: imports.filter((i) => !i.startsWith('.')) }
}

const packageName = (specifier: string): string => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!)
const BUILTIN = new Set(builtinModules)
/** Provided by the runtime, not installed: Node's modules and Electron's own. */
const isRuntime = (specifier: string): boolean => specifier.startsWith('node:') || BUILTIN.has(specifier) || specifier === 'electron'

/** Follows every reference from the package's main; returns what is missing from `packaged`. */
const missingFromPackage = (packaged: Set<string>): string[] => {
  const missing: string[] = []
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    if (!/\.(c|m)?js$/.test(file)) return
    const { relative: spellings, bare } = referencesOf(file)
    for (const alternatives of spellings) {
      const targets = alternatives.map((a) => relative(root, resolve(root, dirname(file), a)).split(sep).join('/'))
      // A folder (the renderer) is packaged when its index page is.
      const found = targets.find((t) => packaged.has(t) || packaged.has(`${t}/index.html`))
      if (!found) missing.push(`${targets.join(' or ')} (from ${file})`)
      else visit(found)
    }
    for (const specifier of bare) {
      if (isRuntime(specifier)) continue
      if (!(packageName(specifier) in pkg.dependencies)) missing.push(`${specifier}: not a production dependency (from ${file})`)
    }
  }
  visit(pkg.main)
  return missing
}

describe('the installers’ configuration', () => {
  it('is valid by electron-builder’s own schema, which refuses a wrong one', () => {
    expect(errorsOf(config)).toEqual([])
    expect(errorsOf({ ...config, electronFuses: { runAsNode: 'off' } }).length).toBeGreaterThan(0)
    expect(errorsOf({ ...config, nsis: { oneClick: 'no' } }).length).toBeGreaterThan(0)
    expect(errorsOf({ ...config, fiels: ['dist/**'] }).length).toBeGreaterThan(0)
  })

  it('makes installers for Linux, Windows and macOS with the app’s icon, and sets Electron’s fuses', () => {
    expect(config).toMatchObject({ appId: 'org.jointplan.desktop', productName: 'JointPlan', linux: { target: ['AppImage', 'deb'] }, win: { target: ['nsis'] }, mac: { target: ['dmg'] } })
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
    // electron-builder takes build/icon.png for every platform; macOS needs at least 512 px.
    const png = readFileSync(join(root, 'build/icon.png'))
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024])
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**/*')
  })

  it('packs every file the built main process loads, and every package it imports is a production dependency', () => {
    if (!existsSync(join(root, pkg.main))) throw new Error(`${pkg.main} is missing: run npm run build first`)
    const packaged = packagedFiles(config.files)
    expect(packaged.has(pkg.main)).toBe(true)
    expect(missingFromPackage(packaged)).toEqual([])
    // The check notices a file left out: without the renderer, and without the server's job scripts.
    expect(missingFromPackage(packagedFiles(config.files.filter((p) => !p.startsWith('dist/renderer'))))).toEqual([expect.stringContaining('dist/renderer')])
    const withoutJobs = packagedFiles([...config.files, '!dist/electron/server/compaction/process.mjs', '!dist/electron/server/history/indexProcess.js'])
    expect(missingFromPackage(withoutJobs)).toEqual([expect.stringContaining('compaction/process.mjs'), expect.stringContaining('indexProcess.ts or dist/electron/server/history/indexProcess.js')])
  })
})
