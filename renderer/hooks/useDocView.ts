import { useSyncExternalStore } from 'react'
import type * as Y from 'yjs'

/**
 * A doc read through a function, again only after the doc changed: the same object until
 * then, as React's external-store hook needs. It listens from its creation on, so a change
 * that lands between a render and the component's subscription is not missed.
 */
class DocView<T> {
  private view: T | null = null
  private readonly listeners = new Set<() => void>()

  constructor(
    private readonly doc: Y.Doc,
    private readonly read: (doc: Y.Doc) => T,
  ) {
    doc.on('update', () => {
      this.view = null
      this.listeners.forEach((listener) => listener())
    })
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  current = (): T => (this.view ??= this.read(this.doc))
}

const views = new WeakMap<Y.Doc, Map<unknown, DocView<unknown>>>()

/** `read(doc)`, kept until the doc changes; one reader per doc and function for the page's life. */
export const useDocView = <T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T => {
  const byReader = views.get(doc) ?? new Map<unknown, DocView<unknown>>()
  views.set(doc, byReader)
  let view = byReader.get(read) as DocView<T> | undefined
  if (!view) byReader.set(read, (view = new DocView(doc, read)))
  return useSyncExternalStore(view.subscribe, view.current)
}
