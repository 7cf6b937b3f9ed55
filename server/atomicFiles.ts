import { randomUUID } from 'node:crypto'
import { linkSync, unlinkSync, writeFileSync } from 'node:fs'
import { rename, writeFile } from 'node:fs/promises'

// A file another process may read at any moment (the host's token, which the desktop app and
// the bench read; the signing key, which the CLI reads) is written beside itself first and
// then put in place in one step: a reader sees the old content or the new, never an empty file.

/** Replaces `file` with `data`. */
export const replaceFile = async (file: string, data: string, mode: number): Promise<void> => {
  const beside = `${file}.${randomUUID()}.tmp`
  await writeFile(beside, data, { mode })
  await rename(beside, file)
}

/** Creates `file` with `data` unless it exists (then whoever created it first wins). */
export const createFileOnce = (file: string, data: string, mode: number): void => {
  const beside = `${file}.${randomUUID()}.tmp`
  writeFileSync(beside, data, { mode })
  try {
    linkSync(beside, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    unlinkSync(beside)
  }
}
