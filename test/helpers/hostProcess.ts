import { fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { HostChild } from '../../electron/hostController.js'

/** What ships: the compiled main-process modules (`npm run build` writes dist/electron), not their sources. */
export const builtElectron = (file: string): string => fileURLToPath(new URL(`../../dist/electron/electron/${file}`, import.meta.url))

export const loadBuilt = async <T>(file: string): Promise<T> => {
  if (!existsSync(builtElectron(file))) throw new Error(`${builtElectron(file)} is missing: run npm run build first`)
  return (await import(builtElectron(file))) as T
}

/** The server's own process as the app starts it, with Node's fork standing in for Electron's utility process. */
export const forkHostProcess = (): HostChild => {
  const child = fork(builtElectron('hostProcess.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
  return {
    postMessage: (command) => child.send(command),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    kill: () => void child.kill(),
  }
}
