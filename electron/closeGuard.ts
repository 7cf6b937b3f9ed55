/**
 * Closing the window waits until the renderer says every local edit is in IndexedDB, or
 * until a deadline, so that a frozen renderer cannot keep the app open for ever.
 */
export const waitForFlush = async (requestFlush: () => Promise<boolean>, deadlineMs = 5_000): Promise<'flushed' | 'failed' | 'timed-out'> => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), deadlineMs)
  })
  try {
    return await Promise.race([requestFlush().then((ok) => (ok ? 'flushed' : 'failed'), () => 'failed' as const), deadline])
  } finally {
    clearTimeout(timer)
  }
}
