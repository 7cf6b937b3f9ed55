import { LinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link'
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, ListItemNode, ListNode } from '@lexical/list'
import { CollaborationPlugin } from '@lexical/react/LexicalCollaborationPlugin'
import { LexicalComposer } from '@lexical/react/LexicalComposer'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { ContentEditable } from '@lexical/react/LexicalContentEditable'
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary'
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin'
import { ListPlugin } from '@lexical/react/LexicalListPlugin'
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin'
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin'
import { $createHeadingNode, HeadingNode, QuoteNode } from '@lexical/rich-text'
import { $setBlocksType } from '@lexical/selection'
import type { Provider } from '@lexical/yjs'
import { $getRoot, $getSelection, $isRangeSelection, FORMAT_TEXT_COMMAND, type EditorState } from 'lexical'
import { useCallback, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { noteRoom, updateAction } from '../../../shared/index.js'
import { usePlanAccess } from '../../hooks/usePlanAccess.js'
import { useProfile } from '../../hooks/useProfile.js'
import { DocSession } from '../../sync/docSession.js'
import { localDb } from '../../sync/localDb.js'
import { serverUrl } from '../../sync/serverUrl.js'
import { tokenForPlan } from '../../sync/tokens.js'

const MERGED_SUMMARY_DELAY_MS = 2_000
const SUMMARY_DELAY_MS = 600

const Toolbar = () => {
  const { t } = useTranslation()
  const [editor] = useLexicalComposerContext()
  const heading = () =>
    editor.update(() => {
      const selection = $getSelection()
      if ($isRangeSelection(selection)) $setBlocksType(selection, () => $createHeadingNode('h3'))
    })
  const link = () => {
    const url = window.prompt(t('editor.linkPrompt'), 'https://')
    if (url) editor.dispatchCommand(TOGGLE_LINK_COMMAND, url)
  }
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t('action.description')}>
      <button type="button" onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold')} aria-label={t('editor.bold')}>
        <b>B</b>
      </button>
      <button type="button" onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic')} aria-label={t('editor.italic')}>
        <i>I</i>
      </button>
      <button type="button" onClick={heading}>{t('editor.heading')}</button>
      <button type="button" onClick={() => editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined)}>{t('editor.bullets')}</button>
      <button type="button" onClick={() => editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined)}>{t('editor.numbers')}</button>
      <button type="button" onClick={link}>{t('editor.link')}</button>
    </div>
  )
}

/**
 * The rich description of an action: a Lexical editor bound to its own Yjs doc (room
 * `plan/<id>/note/<actionId>`), kept offline like the plan, with remote cursors by name.
 * Its text refreshes the action's plain-text `summary` used by lists, search and export.
 */
export const DescriptionEditor = ({ planId, planDoc, actionId, title, summary, editable }: { planId: string; planDoc: Y.Doc; actionId: string; title: string; summary: string; editable: boolean }) => {
  const { t } = useTranslation()
  const profile = useProfile()
  // The name others see on this cursor is the invite's, as the server also writes it.
  const { me } = usePlanAccess()
  const sessions = useRef(new Set<DocSession>())
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const summaryRef = useRef(summary)
  summaryRef.current = summary

  useEffect(() => {
    const open = sessions.current
    return () => {
      if (timer.current) clearTimeout(timer.current)
      open.forEach((s) => void s.flushed().finally(() => s.destroy()))
      open.clear()
    }
  }, [])

  const providerFactory = useCallback((id: string, docs: Map<string, Y.Doc>): Provider => {
    // Lexical binds to the doc while it is empty and learns its content from the changes
    // that follow; a doc already filled from IndexedDB would show empty. So the local copy
    // loads when Lexical connects, after the binding exists.
    const session = new DocSession(localDb(), serverUrl(), id, tokenForPlan(planId), false)
    sessions.current.add(session)
    docs.set(id, session.doc)
    const { provider } = session
    const adapter = {
      awareness: provider.awareness,
      connect: () => void session.start(),
      disconnect: () => provider.disconnect(),
      on: (type: string, listener: (...args: never[]) => void) => provider.on(type as 'sync', listener as () => void),
      off: (type: string, listener: (...args: never[]) => void) => provider.off(type as 'sync', listener as () => void),
    }
    return adapter as unknown as Provider
  }, [planId])

  // Remote changes count too: two descriptions edited offline merge into a text neither
  // author wrote, and only a client holding the merged text can refresh the summary. Later
  // than for local typing, so that the author's own refresh usually arrives first.
  const onChange = (state: EditorState, _editor: unknown, tags: Set<string>) => {
    if (!editable) return
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      const text = state.read(() => $getRoot().getTextContent()).slice(0, 20_000)
      if (text !== summaryRef.current) updateAction(planDoc, actionId, { summary: text })
    }, tags.has('collaboration') ? MERGED_SUMMARY_DELAY_MS : SUMMARY_DELAY_MS)
  }

  const config = {
    namespace: 'action-description',
    editorState: null,
    editable,
    nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode],
    onError: (error: Error) => console.error(error),
    theme: { text: { bold: 'rt-bold', italic: 'rt-italic' }, link: 'rt-link', collaboration: { cursorName: 'editor-cursor-name' } },
  }
  return (
    <section className="description" aria-labelledby="description-heading">
      <h2 id="description-heading">{t('action.description')}</h2>
      <LexicalComposer initialConfig={config}>
        {editable && <Toolbar />}
        <div className="editor-shell">
          <RichTextPlugin
            contentEditable={<ContentEditable className="editor" aria-label={t('editor.label', { title })} data-testid="description-editor" />}
            placeholder={<div className="editor-placeholder">{t('editor.placeholder')}</div>}
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
        <ListPlugin />
        <LinkPlugin />
        <OnChangePlugin onChange={onChange} ignoreSelectionChange />
        <CollaborationPlugin
          id={noteRoom(planId, actionId)}
          providerFactory={providerFactory}
          shouldBootstrap={editable}
          username={me.name}
          cursorColor={profile.color}
        />
      </LexicalComposer>
    </section>
  )
}

