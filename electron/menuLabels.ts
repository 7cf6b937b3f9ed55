import { z } from 'zod'
import en from '../shared/messages/en.json' with { type: 'json' }
import fil from '../shared/messages/fil.json' with { type: 'json' }
import id from '../shared/messages/id.json' with { type: 'json' }
import ja from '../shared/messages/ja.json' with { type: 'json' }
import km from '../shared/messages/km.json' with { type: 'json' }
import th from '../shared/messages/th.json' with { type: 'json' }
import vi from '../shared/messages/vi.json' with { type: 'json' }
import { MENU_VIEWS, type MenuLabels } from './menu.js'

const CATALOGUES: Record<string, unknown> = { en, fil, id, ja, km, th, vi }

const Label = z.string().min(1)
/** What the menu reads from a catalogue: checked, as any file the app reads. */
const MenuCatalogue = z.object({
  desktop: z.object({ file: Label, newPlan: Label, hostWorkshop: Label, importExport: Label, printToPdf: Label, edit: Label, view: Label, help: Label, about: Label, openDataFolder: Label, version: Label }),
  nav: z.object(Object.fromEntries(MENU_VIEWS.map((view) => [view, Label])) as Record<(typeof MENU_VIEWS)[number], typeof Label>),
})

/** The menu's labels in the system's language (`ja-JP` → Japanese, `tl` → Filipino), English when it is none of the app's. */
export const menuLabels = (locale: string): MenuLabels => {
  const base = locale.toLowerCase().split(/[-_]/)[0] ?? 'en'
  const language = base === 'tl' ? 'fil' : base
  const parsed = MenuCatalogue.safeParse(CATALOGUES[language])
  const { desktop, nav } = parsed.success ? parsed.data : MenuCatalogue.parse(en)
  return { ...desktop, ...nav }
}
