/** The application menu, rebuilt whenever the recent list or the open folders change. */
import path from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'

export interface MenuActions {
  openFolder(): void
  openFile(): void
  openRecent(target: string): void
  clearRecent(): void
  closeFolder(folder: string): void
  /** The About panel (macOS has it in the app menu; Windows and Linux in Help). */
  about(): void
}

export interface OpenFolderItem {
  /** What folders.close takes. */
  folder: string
  /** What the user opened: the folder, or the single file. */
  shown: string
}

export interface MenuModel {
  recent: readonly string[]
  openFolders: readonly OpenFolderItem[]
  /** DevTools are a developer's tool; a packaged app does not offer them. */
  isDev: boolean
  platform: NodeJS.Platform
}

export function menuTemplate(model: MenuModel, actions: MenuActions): MenuItemConstructorOptions[] {
  const isMac = model.platform === 'darwin'
  const recentItems: MenuItemConstructorOptions[] =
    model.recent.length === 0
      ? [{ label: 'No Recent Folders or Files', enabled: false }]
      : [
          ...model.recent.map((target) => ({ label: recentLabel(target), click: () => actions.openRecent(target) })),
          { type: 'separator' as const },
          { label: 'Clear Recent', click: () => actions.clearRecent() }
        ]
  const closeItems: MenuItemConstructorOptions[] =
    model.openFolders.length === 0
      ? [{ label: 'No Open Folders', enabled: false }]
      : model.openFolders.map((item) => ({
          label: recentLabel(item.shown),
          click: () => actions.closeFolder(item.folder)
        }))

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open Folder...', accelerator: 'CmdOrCtrl+O', click: () => actions.openFolder() },
      { label: 'Open File...', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.openFile() },
      { label: 'Open Recent', submenu: recentItems },
      { type: 'separator' },
      { label: 'Close Folder', submenu: closeItems },
      { type: 'separator' },
      { role: 'close', label: 'Close Window', accelerator: 'CmdOrCtrl+W' },
      ...(isMac ? [] : [{ role: 'quit' as const, accelerator: 'CmdOrCtrl+Q' }])
    ]
  }
  const appMenu: MenuItemConstructorOptions = {
    role: 'appMenu',
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' }
    ]
  }
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: isMac ? [] : [{ label: 'About opentine', click: () => actions.about() }]
  }
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload', accelerator: 'CmdOrCtrl+R' },
      ...(model.isDev ? [{ role: 'toggleDevTools' as const, accelerator: isMac ? 'Alt+Cmd+I' : 'Ctrl+Shift+I' }] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' }
    ]
  }
  return [
    ...(isMac ? [appMenu] : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    ...(isMac ? [] : [help])
  ]
}

/** "name — parent folder", so two runs folders with the same name stay apart. */
function recentLabel(target: string): string {
  return `${path.basename(target)} \u2014 ${path.dirname(target)}`
}
