import { fork } from 'node:child_process'
import { Worker } from 'node:worker_threads'
import { END_JOBS } from './jobChannel.mjs'

/**
 * Where a job script runs. The server forks a process (its memory goes back to the system
 * when it exits). The desktop app runs the same scripts as worker threads: its packaged
 * binary has Electron's RunAsNode fuse off, so it cannot be forked as Node.
 */
export const JobIsolation = ['process', 'thread'] as const
export type JobIsolation = (typeof JobIsolation)[number]

/** One running job script, whichever the isolation: the same messages, the same end. */
export interface JobPeer {
  send(message: unknown): void
  /** Keeps the server alive while a job is out... */
  ref(): void
  /** ...and lets it exit while none is. */
  unref(): void
  /** Asks the script to close what it holds and exit. */
  end(): void
  onMessage(listener: (message: unknown) => void): void
  /** The script ended on its own, or could not start. */
  onDeath(listener: (error: Error) => void): void
}

export const startJobPeer = (isolation: JobIsolation, file: string, execArgv: string[]): JobPeer => (isolation === 'process' ? forkPeer(file, execArgv) : threadPeer(file))

const forkPeer = (file: string, execArgv: string[]): JobPeer => {
  const child = fork(file, [], { serialization: 'advanced', execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
  child.unref()
  child.channel?.unref()
  return {
    send: (message) => child.send(message as object),
    ref: () => child.channel?.ref(),
    unref: () => child.channel?.unref(),
    end: () => child.disconnect(),
    onMessage: (listener) => child.on('message', listener),
    onDeath: (listener) => {
      child.on('error', listener)
      child.on('exit', (code) => listener(new Error(`exited (${code})`)))
    },
  }
}

const threadPeer = (file: string): JobPeer => {
  const worker = new Worker(file)
  worker.unref()
  return {
    send: (message) => worker.postMessage(message),
    ref: () => worker.ref(),
    unref: () => worker.unref(),
    end: () => worker.postMessage(END_JOBS),
    onMessage: (listener) => worker.on('message', listener),
    onDeath: (listener) => {
      worker.on('error', listener)
      worker.on('exit', (code) => listener(new Error(`exited (${code})`)))
    },
  }
}
