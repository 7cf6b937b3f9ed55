import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { moveArea, removeArea, updateArea, type Area, type Read } from '../../../shared/index.js'
import { ConfirmDialog } from '../../components/ConfirmDialog.js'
import { LabeledSelect } from '../../components/LabeledSelect.js'
import { useIssueText } from '../../hooks/useIssueText.js'
import { InputField } from '../detail/Field.js'

const DELETE = ''

/**
 * An area's own controls, folded under its title: rename and describe it, move it left or
 * right, remove it (asking where its actions go).
 */
export const AreaControls = ({
  doc,
  area,
  index,
  areas,
  actionCount,
}: {
  doc: Y.Doc
  area: Read<Area>
  index: number
  /** Every area, titled in the reader's language. */
  areas: { id: string; title: string }[]
  actionCount: number
}) => {
  const { t } = useTranslation()
  const { resultText } = useIssueText()
  const title = areas[index]?.title ?? area.title
  const others = areas.filter((a) => a.id !== area.id)
  const [removing, setRemoving] = useState(false)
  const [target, setTarget] = useState(DELETE)
  const [error, setError] = useState<string | null>(null)
  return (
    <details className="area-controls">
      <summary aria-label={t('area.menu', { area: title })}>{t('area.edit')}</summary>
      <InputField label={t('area.title')} value={area.title} commit={(v) => updateArea(doc, area.id, { title: v })} />
      <InputField label={t('area.description')} value={area.description} multiline commit={(v) => updateArea(doc, area.id, { description: v })} />
      <div className="form-buttons">
        <button type="button" disabled={index === 0} onClick={() => setError(resultText(moveArea(doc, area.id, index - 1)))}>
          ← {t('area.moveLeft')}
        </button>
        <button type="button" disabled={index === areas.length - 1} onClick={() => setError(resultText(moveArea(doc, area.id, index + 1)))}>
          {t('area.moveRight')} →
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            // Chosen when asked, from the areas there are now: never "delete" by default.
            setTarget(others[0]?.id ?? DELETE)
            setRemoving(true)
          }}
        >
          {t('area.remove')}
        </button>
      </div>
      {error && <p className="field-error" role="alert">{error}</p>}
      <ConfirmDialog
        open={removing}
        title={t('area.removeTitle', { area: title })}
        body={t('area.removeBody', { count: actionCount })}
        confirmLabel={t('area.remove')}
        onCancel={() => setRemoving(false)}
        onConfirm={() => {
          setRemoving(false)
          setError(resultText(removeArea(doc, area.id, target === DELETE ? { deleteActions: true } : { actionsTo: target })))
        }}
      >
        {actionCount > 0 && (
          <LabeledSelect label={t('area.actionsTo')} value={target} onChange={setTarget}>
            {others.map((a) => (
              <option key={a.id} value={a.id}>{a.title}</option>
            ))}
            <option value={DELETE}>{t('area.deleteActions')}</option>
          </LabeledSelect>
        )}
      </ConfirmDialog>
    </details>
  )
}

/** A new area at the end of the board. */
export const AddAreaForm = ({ onAdd }: { onAdd: (title: string) => string | null }) => {
  const { t } = useTranslation()
  const [title, setTitle] = useState('')
  const [error, setError] = useState<string | null>(null)
  return (
    <form
      className="board-column add-area"
      aria-label={t('area.add')}
      onSubmit={(e) => {
        e.preventDefault()
        const problem = onAdd(title)
        setError(problem)
        if (!problem) setTitle('')
      }}
    >
      <label className="field">
        <span>{t('area.newTitle')}</span>
        <input value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={!!error} />
      </label>
      {error && <p className="field-error" role="alert">{error}</p>}
      <button type="submit">+ {t('area.add')}</button>
    </form>
  )
}
