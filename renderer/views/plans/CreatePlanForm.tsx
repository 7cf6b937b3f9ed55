import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useIssueText } from '../../hooks/useIssueText.js'
import { createPlan, newId, type TemplateName } from '../../../shared/index.js'
import { navigate } from '../../app/route.js'
import { localDb } from '../../sync/localDb.js'
import { isHostDevice } from '../../sync/tokens.js'
import { withPlanDoc } from '../../sync/withPlanDoc.js'
import { LabeledSelect } from '../../components/LabeledSelect.js'
import { LanguageOptions } from '../../components/LanguagePicker.js'

export const CreatePlanForm = () => {
  const { t } = useTranslation()
  const [title, setTitle] = useState('')
  const [template, setTemplate] = useState<TemplateName>('access-to-remedy')
  // The template's text is English; a blank plan is written in whatever its authors choose.
  const [language, setLanguage] = useState('en')
  const [error, setError] = useState<string | null>(null)
  const { resultText } = useIssueText()

  const create = async () => {
    const planId = newId()
    const result = await withPlanDoc(planId, (doc) => createPlan(doc, { template, language, ...(title.trim() ? { title } : {}) }))
    if (!result.ok) return setError(resultText(result))
    await localDb().plans.put({ id: planId, title: title.trim(), openedAt: Date.now() })
    navigate({ view: 'board', planId })
  }

  return (
    <form
      className="card-panel"
      aria-labelledby="create-heading"
      onSubmit={(e) => {
        e.preventDefault()
        void create()
      }}
    >
      <h2 id="create-heading">{t('plans.createHeading')}</h2>
      {!isHostDevice() && <p className="muted">{t('access.createNeedsHost')}</p>}
      <fieldset className="plain-fieldset" disabled={!isHostDevice()}>
      <label className="field">
        <span>{t('plans.titleLabel')}</span>
        <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('plans.templateAccess')} />
      </label>
      <fieldset className="field">
        <legend>{t('plans.templateLabel')}</legend>
        <label className="radio">
          <input type="radio" name="template" checked={template === 'access-to-remedy'} onChange={() => setTemplate('access-to-remedy')} />
          {t('plans.templateAccess')}
        </label>
        <label className="radio">
          <input type="radio" name="template" checked={template === 'blank'} onChange={() => setTemplate('blank')} />
          {t('plans.templateBlank')}
        </label>
      </fieldset>
      <LabeledSelect label={t('translation.planLanguage')} value={language} onChange={setLanguage}>
        <LanguageOptions />
      </LabeledSelect>
      {error && <p className="field-error" role="alert">{error}</p>}
      <button type="submit" className="primary">
        {t('plans.create')}
      </button>
      </fieldset>
    </form>
  )
}
