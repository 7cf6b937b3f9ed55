import { pino, type Logger } from 'pino'

export type { Logger }

/**
 * Structured logs go to stderr, one JSON line per event, so that stdout carries only what
 * a person or a parent process reads (the `listening on` line).
 */
export const createLogger = (level = process.env.LOG_LEVEL ?? 'info'): Logger =>
  pino({ level, base: undefined }, pino.destination(2))
