/**
 * The Electron main process: one instance, one window, the API service behind IPC. Everything
 * the renderer can ask goes through ipc.ts; everything it is told comes through push events.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell, type IpcMainInvokeEvent } from 'electron'
import { createApiService, defaultOpenPaths, type ApiService } from '../api/service'
import type { FolderSnapshot } from '../../src-shared/api/types'
import { loadAppState, saveAppState, stateFile, withRecent, type AppState } from './app-state'
import { denyAllPermissions, guardWebContents } from './guards'
import { IPC_EVENT_CHANNEL } from './ipc-reply'
import { registerIpcHandlers } from './ipc'
import { ElectronSecretStore, secretsFile } from './secrets'
import { openablePaths, userArgs } from './launch-paths'
import { menuTemplate, type OpenFolderItem } from './menu'
import { createMainWindow, focusWindow } from './window'

// Computed here, in the entry chunk, so the paths are relative to out/main/index.js.
const HERE = path.dirname(fileURLToPath(import.meta.url))
const FILES = {
  preload: path.join(HERE, '../preload/index.cjs'),
  rendererHtml: path.join(HERE, '../renderer/index.html')
}

const windows = new Set<BrowserWindow>()
let service: ApiService | null = null
let state: AppState = { recent: [], bounds: null, maximized: false }
let openFolders: OpenFolderItem[] = []
let saving: Promise<void> = Promise.resolve()
/** Paths the OS handed us before the service existed (macOS 'open-file' at launch). */
const pendingPaths: string[] = []

if (!app.requestSingleInstanceLock()) {
  // Another window is open: our argv reaches it through 'second-instance'.
  app.quit()
} else {
  app.on('open-file', (event, file) => {
    event.preventDefault()
    if (service) void openAndRemember([file])
    else pendingPaths.push(file)
  })
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const paths = openablePaths(userArgs(argv, app.isPackaged), workingDirectory, [app.getAppPath()])
    if (!service) pendingPaths.push(...paths)
    else if (paths.length > 0) void openAndRemember(paths)
    const window = firstWindow() ?? (service ? openWindow() : undefined)
    if (window) focusWindow(window)
  })
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, (url) => void shell.openExternal(url))
  })
  app.whenReady().then(onReady, (error: unknown) => fatal(error))
}

async function onReady(): Promise<void> {
  denyAllPermissions(session.defaultSession)
  const userData = app.getPath('userData')
  state = await loadAppState(stateFile(userData))
  const api = createApiService({
    mode: 'electron',
    cacheDir: path.join(userData, 'index-cache'),
    version: app.getVersion(),
    // API keys typed in the app are kept encrypted with the OS keychain (safeStorage), never in a run file.
    secretStore: new ElectronSecretStore(secretsFile(userData))
  })
  service = api

  registerIpcHandlers({
    ipcMain,
    service: api,
    isTrustedSender,
    afterDispatch: (channel, payload) => {
      if (channel === 'folders.open') remember((payload as { paths: string[] }).paths)
      if (channel === 'folders.open' || channel === 'folders.close') void refreshMenu()
    }
  })
  api.onEvent((event) => {
    for (const window of windows) if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, event)
    if (event.kind === 'folders') setOpenFolders(event.folders)
  })

  const given = [...openablePaths(userArgs(process.argv, app.isPackaged), process.cwd(), [app.getAppPath()]), ...pendingPaths.splice(0)]
  try {
    await api.openPaths(given.length > 0 ? given : defaultOpenPaths(process.cwd()))
    if (given.length > 0) remember(given)
  } catch (error) {
    console.error(`opentine: ${errorMessage(error)}`)
  }
  openWindow()
  await refreshMenu()

  app.on('activate', () => {
    if (windows.size === 0) openWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  let closed = false
  app.on('will-quit', (event) => {
    if (closed) return
    // Watchers and the load worker are closed before the process goes.
    event.preventDefault()
    void Promise.allSettled([api.close(), saving]).then(() => {
      closed = true
      app.quit()
    })
  })
}

function openWindow(): BrowserWindow {
  const window = createMainWindow(FILES, state.bounds, state.maximized)
  windows.add(window)
  let boundsTimer: NodeJS.Timeout | undefined
  const keepBounds = (): void => {
    if (window.isDestroyed()) return
    state = { ...state, bounds: window.getNormalBounds(), maximized: window.isMaximized() }
    persist()
  }
  const keepBoundsSoon = (): void => {
    clearTimeout(boundsTimer)
    boundsTimer = setTimeout(keepBounds, 500)
  }
  window.on('resize', keepBoundsSoon)
  window.on('move', keepBoundsSoon)
  window.on('close', () => {
    clearTimeout(boundsTimer)
    keepBounds()
  })
  window.on('closed', () => windows.delete(window))
  return window
}

/** Our renderer's main frame in one of our windows, and nothing else (not an iframe, not a page it navigated to). */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false
  const window = BrowserWindow.fromWebContents(event.sender)
  if (!window || !windows.has(window)) return false
  try {
    const url = new URL(frame.url)
    return url.protocol === 'file:' && path.resolve(fileURLToPath(url)) === path.resolve(FILES.rendererHtml)
  } catch {
    return false
  }
}

async function openAndRemember(paths: string[]): Promise<void> {
  if (!service || paths.length === 0) return
  try {
    await service.openPaths(paths)
    remember(paths)
  } catch (error) {
    const window = firstWindow()
    const options = { type: 'warning' as const, message: 'Could not open', detail: errorMessage(error) }
    if (window) void dialog.showMessageBox(window, options)
    else void dialog.showMessageBox(options)
  }
  await refreshMenu()
}

function remember(paths: string[]): void {
  state = withRecent(state, paths)
  for (const target of paths) app.addRecentDocument(target)
  persist()
}

function persist(): void {
  const snapshot = state
  const file = stateFile(app.getPath('userData'))
  saving = saving.then(() => saveAppState(file, snapshot)).catch((error: unknown) => console.error(`opentine: could not save state: ${errorMessage(error)}`))
}

async function refreshMenu(): Promise<void> {
  if (service) {
    try {
      setOpenFolders((await service.dispatch('folders.list', {})) as FolderSnapshot[])
      return
    } catch (error) {
      console.error(`opentine: ${errorMessage(error)}`)
    }
  }
  rebuildMenu()
}

function setOpenFolders(folders: FolderSnapshot[]): void {
  openFolders = folders.map((snapshot) => ({ folder: snapshot.folder, shown: snapshot.singleFile ?? snapshot.folder }))
  rebuildMenu()
}

function rebuildMenu(): void {
  const template = menuTemplate(
    { recent: state.recent, openFolders, isDev: !app.isPackaged, platform: process.platform },
    {
      openFolder: () => void choose(['openDirectory', 'multiSelections']),
      openFile: () => void choose(['openFile', 'multiSelections']),
      openRecent: (target) => void openAndRemember([target]),
      clearRecent: () => {
        state = { ...state, recent: [] }
        app.clearRecentDocuments()
        persist()
        rebuildMenu()
      },
      closeFolder: (folder) => {
        void service
          ?.dispatch('folders.close', { folder })
          .catch((error: unknown) => console.error(`opentine: ${errorMessage(error)}`))
          .then(() => refreshMenu())
      }
    }
  )
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

async function choose(properties: Array<'openDirectory' | 'openFile' | 'multiSelections'>): Promise<void> {
  const window = firstWindow()
  const options = {
    title: properties.includes('openDirectory') ? 'Open a folder of runs' : 'Open .tine files',
    properties,
    filters: properties.includes('openFile') ? [{ name: 'opentine runs', extensions: ['tine'] }] : undefined
  }
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
  if (!result.canceled) await openAndRemember(result.filePaths)
}

function firstWindow(): BrowserWindow | undefined {
  for (const window of windows) if (!window.isDestroyed()) return window
  return undefined
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function fatal(error: unknown): void {
  dialog.showErrorBox('opentine could not start', errorMessage(error))
  app.exit(1)
}
