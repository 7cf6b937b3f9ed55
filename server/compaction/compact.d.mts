import type { Checkpoint } from '../storage/UpdateLog.js'

export declare const compact: (parts: readonly Uint8Array[]) => Checkpoint
