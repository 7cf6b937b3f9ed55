import { useEffect, useId, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** A modal confirmation on the native dialog element: focus is trapped and Escape cancels. */
export const ConfirmDialog = ({
  open,
  title,
  body,
  confirmLabel,
  onConfirm,
  onCancel,
  children,
}: {
  open: boolean
  title: string
  body: string
  /** Choices that go with the confirmation (where the actions of a removed area go). */
  children?: ReactNode
  confirmLabel: string
  onConfirm: () => void
  onCancel: () => void
}) => {
  const { t } = useTranslation()
  const ref = useRef<HTMLDialogElement>(null)
  // Several dialogs may sit on one page (one per area): each names itself by its own title.
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onCancel={onCancel}>
      <h2 id={titleId}>{title}</h2>
      <p>{body}</p>
      {children}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} autoFocus>
          {t('plans.cancel')}
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  )
}
