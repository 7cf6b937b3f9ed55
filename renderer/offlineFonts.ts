/** The bundled font family for each script that is not Latin (see `precache.json`). */
const FAMILY_BY_SCRIPT: Record<string, string> = { Jpan: 'noto-sans-jp', Khmr: 'noto-sans-khmer', Thai: 'noto-sans-thai' }

/**
 * Asks the service worker to keep, for offline use, the fonts a language is written in.
 * Resolves once they are kept (or at once when there is nothing to keep or no worker).
 */
export const keepFontsOffline = async (language: string): Promise<void> => {
  const family = FAMILY_BY_SCRIPT[new Intl.Locale(language).maximize().script ?? '']
  if (!family || !('serviceWorker' in navigator)) return
  const registration = await navigator.serviceWorker.getRegistration()
  const worker = registration?.active
  if (!worker) return
  const channel = new MessageChannel()
  const answered = new Promise<void>((resolve) => {
    channel.port1.onmessage = () => resolve()
  })
  worker.postMessage({ type: 'keep-fonts', families: [family] }, [channel.port2])
  await answered
}
