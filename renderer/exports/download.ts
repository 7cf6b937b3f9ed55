/** Hands a file to the browser's download (or, in the desktop app, its save dialog). */
export const download = (name: string, body: BlobPart, type: string): void => {
  const link = document.createElement('a')
  link.href = URL.createObjectURL(new Blob([body], { type }))
  link.download = name
  link.click()
  URL.revokeObjectURL(link.href)
}
