/** Polls until `check` holds; fails with `what` after `timeoutMs`. Bounded, so a broken sync fails fast. */
export const waitFor = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
