import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { actionStamp, givenOnEarlierVersion, replyToThread, setThreadResolved, setVerdict, startThread, verdictOrg, VERDICTS, type Action, type ThreadView } from '../../../shared/index.js'
import { dismissRefusal } from '../../sync/sessions.js'
import { useDiscussion } from '../../hooks/useDiscussion.js'
import { useIssueText } from '../../hooks/useIssueText.js'
import { usePlanAccess } from '../../hooks/usePlanAccess.js'
import { formatMoment } from '../../format.js'

const CommentForm = ({ label, submitLabel, onSubmit }: { label: string; submitLabel: string; onSubmit: (body: string) => string | null }) => {
  const [body, setBody] = useState('')
  const [error, setError] = useState<string | null>(null)
  return (
    <form
      className="comment-form"
      onSubmit={(e) => {
        e.preventDefault()
        const problem = onSubmit(body)
        setError(problem)
        if (!problem) setBody('')
      }}
    >
      <label className="field">
        <span>{label}</span>
        <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={2} aria-invalid={!!error} />
      </label>
      {error && <p className="field-error" role="alert">{error}</p>}
      <button type="submit">{submitLabel}</button>
    </form>
  )
}

type Verdict = (typeof VERDICTS)[number]

/** My organization's verdict on one action: what is saved, shown as saved, until changed and saved again. */
const VerdictForm = ({ saved, org, onSave }: { saved: { verdict: Verdict; note: string } | null; org: string; onSave: (verdict: Verdict, note: string) => void }) => {
  const { t } = useTranslation()
  const id = useId()
  // No verdict is preselected: one click must never endorse by accident.
  const [verdict, setVerdictChoice] = useState<Verdict | null>(saved?.verdict ?? null)
  const [note, setNote] = useState(saved?.note ?? '')
  return (
    <form
      className="verdict-form"
      onSubmit={(e) => {
        e.preventDefault()
        if (verdict) onSave(verdict, note)
      }}
    >
      <fieldset className="field-group">
        <legend>{t('review.yourVerdict', { org })}</legend>
        {VERDICTS.map((v) => (
          <label key={v} className="radio">
            <input type="radio" name={`verdict-${id}`} checked={verdict === v} onChange={() => setVerdictChoice(v)} />
            {t(`review.verdict_${v}`)}
          </label>
        ))}
        <label className="field">
          <span>{t('review.verdictNote')}</span>
          <input value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit" disabled={!verdict} aria-describedby={verdict ? undefined : `verdict-help-${id}`}>
          {t('review.saveVerdict')}
        </button>
        {!verdict && (
          <p id={`verdict-help-${id}`} className="muted">
            {t('review.chooseVerdict')}
          </p>
        )}
      </fieldset>
    </form>
  )
}

/** Comment threads and organizations' verdicts on one action; open to commenters. */
export const DiscussionPanel = ({ planId, action }: { planId: string; action: Action }) => {
  const actionId = action.id
  const { t, i18n } = useTranslation()
  const { session, discussion, refused } = useDiscussion(planId)
  const { me, canComment, canGiveVerdict } = usePlanAccess()
  const author = me
  const threads: ThreadView[] = discussion.threadsByAction.get(actionId) ?? []
  const verdicts = discussion.verdictsByAction.get(actionId) ?? []
  const mine = verdicts.find((v) => v.org === verdictOrg(me))
  const when = (iso: string) => formatMoment(iso, i18n.language)
  const { resultText } = useIssueText()

  return (
    <section className="discussion" aria-labelledby="discussion-heading">
      <h2 id="discussion-heading">{t('review.discussion')}</h2>
      {refused && (
        <div className="notice warning" role="alert">
          <p>{t('sync.refused', { reason: refused })}</p>
          <button type="button" onClick={() => dismissRefusal(session.room)}>{t('sync.dismiss')}</button>
        </div>
      )}
      <h3>{t('review.verdicts')}</h3>
      <ul className="verdicts">
        {verdicts.map((v) => (
          <li key={v.org} className={`verdict verdict-${v.verdict}`}>
            <strong>{v.org}</strong>: {t(`review.verdict_${v.verdict}`)}
            {v.note && <> — {v.note}</>} <span className="muted">({v.by.name}, {when(v.at)})</span>
            {givenOnEarlierVersion(v, action) && <> <span className="badge stale">{t('review.earlierVersion')}</span></>}
          </li>
        ))}
      </ul>
      {canGiveVerdict && (
        // Keyed by the action and the saved verdict: another action, or a verdict saved meanwhile, starts from what is saved.
        <VerdictForm key={`${actionId}|${mine?.at ?? ''}`} saved={mine ?? null} org={verdictOrg(me)} onSave={(verdict, note) => void setVerdict(session.doc, { actionId, verdict, note, by: author, actionStamp: actionStamp(action) })} />
      )}
      {threads.length === 0 && <p className="muted">{t('review.noComments')}</p>}
      {threads.map(({ thread, comments }) => (
        <article key={thread.id} className={`thread${thread.resolved ? ' resolved' : ''}`} aria-label={comments[0]?.body.slice(0, 60)}>
          {thread.resolved && <p className="badge status-done">{t('review.resolved')}</p>}
          <ol className="comments">
            {comments.map((c) => (
              <li key={c.id}>
                <p className="comment-meta">
                  <strong>{c.author.name}</strong> {c.author.org && <span className="muted">({c.author.org})</span>} <span className="muted">{when(c.createdAt)}</span>
                </p>
                <p className="comment-body">{c.body}</p>
              </li>
            ))}
          </ol>
          {canComment && (
            <div className="thread-actions">
              {!thread.resolved && (
                <CommentForm label={t('review.replyLabel')} submitLabel={t('review.reply')} onSubmit={(body) => resultText(replyToThread(session.doc, thread.id, { body, author }))} />
              )}
              <button type="button" onClick={() => setThreadResolved(session.doc, thread.id, !thread.resolved)}>
                {thread.resolved ? t('review.reopen') : t('review.resolve')}
              </button>
            </div>
          )}
        </article>
      ))}
      {canComment && <CommentForm label={t('review.newThread')} submitLabel={t('review.post')} onSubmit={(body) => resultText(startThread(session.doc, { actionId, body, author }))} />}
    </section>
  )
}
