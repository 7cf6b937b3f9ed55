import type { ReactNode } from 'react'

/**
 * A form checked by the app, not the browser: the browser's own bubbles speak the browser's
 * language, so they are off, and the schema's rules are told in `error`, in the app's.
 */
export const CheckedForm = ({ label, submitLabel, error, onSubmit, className = 'add-stakeholder', children }: {
  label: string
  submitLabel: string
  error: string | null
  onSubmit: () => Promise<void>
  className?: string
  children: ReactNode
}) => (
  <form
    className={className}
    aria-label={label}
    noValidate
    onSubmit={(e) => {
      e.preventDefault()
      void onSubmit()
    }}
  >
    {children}
    <button type="submit" className="primary">
      {submitLabel}
    </button>
    {error && <p className="field-error full" role="alert">{error}</p>}
  </form>
)
