import type { MenuItemConstructorOptions } from 'electron'

/** The plan views the View menu opens, in the order of the app's tabs. */
export const MENU_VIEWS = ['board', 'table', 'dashboard', 'stakeholders', 'review', 'workshops', 'report', 'history'] as const
export type MenuView = (typeof MENU_VIEWS)[number]

/**
 * The address of `view` for the plan the window shows (`…/#/plan/<id>/…`), or null when it
 * shows no plan. Only an id of the app's form is taken from the current address.
 */
export const viewHash = (currentUrl: string, view: MenuView): string | null => {
  const planId = /^#\/plan\/([A-Za-z0-9_-]{1,64})(?:[/?]|$)/.exec(new URL(currentUrl).hash)?.[1]
  if (!planId) return null
  return view === 'board' ? `#/plan/${planId}` : `#/plan/${planId}/${view}`
}

/** What the menu's items do; the main process supplies each (send to the window, open a folder…). */
export interface MenuActions {
  newPlan: () => void
  hostWorkshop: () => void
  showView: (view: MenuView) => void
  printToPdf: () => void
  openDataFolder: () => void
  about: () => void
}

/** Every label, in the person's language (from the app's catalogues). */
export type MenuLabels = Record<'file' | 'newPlan' | 'hostWorkshop' | 'importExport' | 'printToPdf' | 'edit' | 'view' | 'help' | 'about' | 'openDataFolder' | 'version' | MenuView, string>

/**
 * The native menu: File (new plan, host a workshop, import or export, print to PDF, quit),
 * Edit (the system's), View (the plan's views, zoom, full screen), Help (about, the version,
 * the data folder). Import or export opens the plan's Table view, where their choices are.
 */
export const menuTemplate = (labels: MenuLabels, actions: MenuActions, version: string, isMac: boolean): MenuItemConstructorOptions[] => [
  ...(isMac ? [{ role: 'appMenu' as const }] : []),
  {
    label: labels.file,
    submenu: [
      { label: labels.newPlan, accelerator: 'CmdOrCtrl+N', click: actions.newPlan },
      { label: labels.hostWorkshop, click: actions.hostWorkshop },
      { label: labels.importExport, click: () => actions.showView('table') },
      { label: labels.printToPdf, accelerator: 'CmdOrCtrl+P', click: actions.printToPdf },
      { type: 'separator' },
      { role: isMac ? 'close' : 'quit' },
    ],
  },
  { label: labels.edit, role: 'editMenu' },
  {
    label: labels.view,
    submenu: [
      ...MENU_VIEWS.map((view, i): MenuItemConstructorOptions => ({ label: labels[view], accelerator: `CmdOrCtrl+${i + 1}`, click: () => actions.showView(view) })),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  },
  {
    label: labels.help,
    role: 'help',
    submenu: [
      { label: labels.about, click: actions.about },
      { label: `${labels.version} ${version}`, enabled: false },
      { label: labels.openDataFolder, click: actions.openDataFolder },
    ],
  },
]
