import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useIssueText } from '../../hooks/useIssueText.js'
import type * as Y from 'yjs'
import { addAction } from '../../../shared/index.js'

/** Adds an action at the end of an area, in place: type a title, press Enter, keep typing the next. */
export const AddActionForm = ({ doc, areaId, areaTitle }: { doc: Y.Doc; areaId: string; areaTitle: string }) => {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [title, setTitle] = useState('')
  const [error, setError] = useState<string | null>(null)
  const { resultText } = useIssueText()
  if (!open) {
    return (
      <button type="button" className="add-action" onClick={() => setOpen(true)} aria-label={t('board.addActionTo', { area: areaTitle })}>
        + {t('board.addAction')}
      </button>
    )
  }
  return (
    <form
      className="add-action-form"
      onSubmit={(e) => {
        e.preventDefault()
        const result = addAction(doc, { areaId, title })
        if (!result.ok) return setError(resultText(result))
        setTitle('')
        setError(null)
      }}
    >
      <label>
        <span className="sr-only">{t('board.newActionTitle')}</span>
        <input
          autoFocus
          value={title}
          placeholder={t('board.newActionTitle')}
          onChange={(e) => setTitle(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
          aria-invalid={!!error}
        />
      </label>
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="form-buttons">
        <button type="submit" className="primary">
          {t('board.addAction')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('plans.cancel')}
        </button>
      </div>
    </form>
  )
}
