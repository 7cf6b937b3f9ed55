import QRCode from 'qrcode'
import { useEffect, useState } from 'react'

/** `text` as a QR code image (a data URL: the page's policy allows no other images); null until drawn, or for no text. */
export const useQrCode = (text: string | null): string | null => {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    if (!text) return setUrl(null)
    let live = true
    void QRCode.toDataURL(text, { margin: 1, width: 480, errorCorrectionLevel: 'M' }).then((data) => live && setUrl(data))
    return () => {
      live = false
    }
  }, [text])
  return url
}
