/**
 * The Electron main process: one instance, windows showing app://opentine/, the API service behind
 * IPC. Everything the renderer can ask goes through ipc.ts; everything it is told comes through
 * push events. Every start-up failure reaches a dialog and userData/logs/main.log.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  shell,
  utilityProcess,
  type IpcMainInvokeEvent,
  type MessageBoxOptions
} from 'electron'
import { createApiService, defaultOpenPaths, type ApiService } from '../api/service'
import type { FolderSnapshot } from '../../src-shared/api/types'
import { userDataDir } from '../store/user-data-dir'
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, isAppUrl, RENDERER_URL, rendererRequestHandler } from './app-protocol'
import { loadAppState, saveAppState, stateFile, withRecent, type AppState } from './app-state'
import { baseUrlQuestion, baseUrlToConfirm, broadFolderQuestion, externalLinkQuestion } from './confirmations'
import { contextMenuTemplate } from './context-menu'
import { guardWebContents, restrictPermissions } from './guards'
import { IPC_EVENT_CHANNEL } from './ipc-reply'
import { registerIpcHandlers } from './ipc'
import { ElectronSecretStore, secretsFile } from './secrets'
import { openablePaths, userArgs } from './launch-paths'
import { menuTemplate, type OpenFolderItem } from './menu'
import { appendLog, describeError, logFile } from './startup-log'
import { utilityRunnerStarter } from './utility-runner'
import { createMainWindow, focusWindow } from './window'
import { watchWindowHealth } from './window-health'
import { ApiError } from '../../src-shared/api/api-error'

// Computed here, in the entry chunk, so the paths are relative to out/main/index.js.
const HERE = path.dirname(fileURLToPath(import.meta.url))
const FILES = { preload: path.join(HERE, '../preload/index.cjs'), rendererUrl: RENDERER_URL }
const RENDERER_DIR = path.join(HERE, '../renderer')

// One data folder for the CLI, browser mode and the app, in development and packaged alike.
app.setName('opentine')
app.setPath('userData', userDataDir())
const LOG = logFile(app.getPath('userData'))

// Before 'ready', as Electron requires: the renderer's scheme behaves like https, not like file://.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])

const windows = new Set<BrowserWindow>()
let service: ApiService | null = null
let state: AppState = { recent: [], bounds: null, maximized: false }
let openFolders: OpenFolderItem[] = []
let saving: Promise<void> = Promise.resolve()
/** Settles once the folders given at launch are open; the renderer's folder list waits for it. */
let initialOpen: Promise<void> = Promise.resolve()
/** Paths the OS handed us before the service existed (macOS 'open-file' at launch, an early second instance). */
const pendingPaths: string[] = []

if (!app.requestSingleInstanceLock()) {
  // Another instance is running: our argv reaches it through 'second-instance'.
  app.quit()
} else {
  app.on('open-file', (event, file) => {
    event.preventDefault()
    if (!service) return void pendingPaths.push(file)
    focusWindow(ensureWindow())
    void openAndRemember([file])
  })
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const paths = openablePaths(userArgs(argv, app.isPackaged), workingDirectory, [app.getAppPath()])
    if (!service) return void pendingPaths.push(...paths)
    focusWindow(ensureWindow())
    if (paths.length > 0) void openAndRemember(paths)
  })
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, confirmExternal, (url) => void shell.openExternal(url))
    contents.on('context-menu', (_menuEvent, params) => {
      const window = BrowserWindow.fromWebContents(contents)
      Menu.buildFromTemplate(contextMenuTemplate(params)).popup(window ? { window } : {})
    })
  })
  // .then(onReady).catch: a throw inside onReady must reach the dialog too.
  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => fatal(error))
}

async function onReady(): Promise<void> {
  restrictPermissions(session.defaultSession)
  protocol.handle(APP_SCHEME, rendererRequestHandler(RENDERER_DIR))
  app.setAboutPanelOptions({
    applicationName: 'opentine',
    applicationVersion: app.getVersion(),
    copyright: 'MIT licence'
  })
  const userData = app.getPath('userData')
  state = await loadAppState(stateFile(userData))
  const api = createApiService({
    mode: 'electron',
    cacheDir: path.join(userData, 'index-cache'),
    version: app.getVersion(),
    // API keys typed in the app are kept encrypted with the OS keychain (safeStorage), never in a run file.
    secretStore: new ElectronSecretStore(secretsFile(userData)),
    startRunner: utilityRunnerStarter((modulePath, args, options) => utilityProcess.fork(modulePath, args, options)),
    desktop: { showInFolder: (file) => shell.showItemInFolder(file), recent: () => [...state.recent] },
    log: logLine
  })

  registerIpcHandlers({
    ipcMain,
    service: { dispatchWire: (channel, payload) => dispatchFromRenderer(api, channel, payload) },
    isTrustedSender,
    afterDispatch: (channel, payload) => {
      if (channel === 'folders.open') remember((payload as { paths: string[] }).paths)
      if (channel === 'folders.open' || channel === 'folders.close') void refreshMenu()
    },
    logError: logLine
  })
  api.onEvent((event) => {
    for (const window of windows) if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, event)
    if (event.kind === 'folders') setOpenFolders(event.folders)
  })

  app.on('activate', () => {
    if (windows.size === 0) openWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  let closed = false
  app.on('will-quit', (event) => {
    if (closed) return
    // Runner processes, watchers and the load worker are closed before the process goes.
    event.preventDefault()
    void Promise.allSettled([api.close(), saving]).then(() => {
      closed = true
      app.quit()
    })
  })

  // The window first, so the user sees progress while a big folder is indexed, and a second launch finds it.
  service = api
  openWindow()
  rebuildMenu()
  const given = [
    ...openablePaths(userArgs(process.argv, app.isPackaged), process.cwd(), [app.getAppPath()]),
    ...pendingPaths.splice(0)
  ]
  initialOpen = openAsking(api, given.length > 0 ? given : defaultOpenPaths(process.cwd())).then(
    () => {
      if (given.length > 0) remember(given)
    },
    (error: unknown) => reportProblem('Could not open', error)
  )
  await initialOpen
  await refreshMenu()
}

/** The renderer's requests: the folder list waits for the launch folders; a base URL needs the user's yes. */
async function dispatchFromRenderer(api: ApiService, channel: string, payload: unknown): Promise<unknown> {
  if (channel.startsWith('folders.')) await initialOpen
  const baseUrl = baseUrlToConfirm(channel, payload)
  if (baseUrl !== null && !(await ask(baseUrlQuestion(baseUrl))))
    throw new ApiError('cancelled', 'not saved: the server address was not confirmed')
  return api.dispatchWire(channel, payload)
}

function openWindow(): BrowserWindow {
  const window = createMainWindow(FILES, state.bounds, state.maximized)
  windows.add(window)
  watchWindowHealth(window, { log: logLine, ask: (parent, options) => dialog.showMessageBox(parent, options) })
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

function ensureWindow(): BrowserWindow {
  return firstWindow() ?? openWindow()
}

/** Our renderer's main frame in one of our windows, and nothing else (not an iframe, not a page it navigated to). */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false
  const window = BrowserWindow.fromWebContents(event.sender)
  return window !== null && windows.has(window) && isAppUrl(frame.url)
}

async function confirmExternal(url: string): Promise<boolean> {
  return ask(externalLinkQuestion(url))
}

/** Opens paths; a folder the main side will not open unasked (the root, above home, a system folder) is asked about first. */
async function openAsking(api: ApiService, paths: string[]): Promise<void> {
  try {
    await api.openPaths(paths)
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'confirm-required')) throw error
    if (await ask(broadFolderQuestion(error.message))) await api.openPaths(paths, { confirmBroad: true })
  }
}

async function ask(options: MessageBoxOptions): Promise<boolean> {
  const window = firstWindow()
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options)
  return response === 0
}

async function openAndRemember(paths: string[]): Promise<void> {
  if (!service || paths.length === 0) return
  try {
    await openAsking(service, paths)
    remember(paths)
  } catch (error) {
    reportProblem('Could not open', error)
  }
  await refreshMenu()
}

function reportProblem(message: string, error: unknown): void {
  const { message: detail } = describeError(error)
  logLine(`${message}: ${detail}`)
  const window = firstWindow()
  const options = { type: 'warning' as const, message, detail }
  if (window) void dialog.showMessageBox(window, options)
  else void dialog.showMessageBox(options)
}

function remember(paths: string[]): void {
  state = withRecent(state, paths)
  for (const target of paths) app.addRecentDocument(target)
  persist()
}

function persist(): void {
  const snapshot = state
  const file = stateFile(app.getPath('userData'))
  saving = saving
    .then(() => saveAppState(file, snapshot))
    .catch((error: unknown) => logLine(`could not save state: ${describeError(error).message}`))
}

async function refreshMenu(): Promise<void> {
  if (service) {
    try {
      setOpenFolders((await service.dispatch('folders.list', {})) as FolderSnapshot[])
      return
    } catch (error) {
      logLine(describeError(error).message)
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
      openRecent: (target) => {
        focusWindow(ensureWindow())
        void openAndRemember([target])
      },
      clearRecent: () => {
        state = { ...state, recent: [] }
        app.clearRecentDocuments()
        persist()
        rebuildMenu()
      },
      closeFolder: (folder) => {
        void service
          ?.dispatch('folders.close', { folder })
          .catch((error: unknown) => logLine(describeError(error).message))
          .then(() => refreshMenu())
      },
      about: () => app.showAboutPanel()
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
  if (result.canceled) return
  // macOS keeps the app running with no window; what the user opened needs one to show in.
  focusWindow(ensureWindow())
  await openAndRemember(result.filePaths)
}

function firstWindow(): BrowserWindow | undefined {
  for (const window of windows) if (!window.isDestroyed()) return window
  return undefined
}

function logLine(line: string): void {
  console.error(line.startsWith('opentine') ? line : `opentine: ${line}`)
  appendLog(LOG, line)
}

function fatal(error: unknown): void {
  const { message, detail } = describeError(error)
  appendLog(LOG, `start-up failed: ${detail}`)
  dialog.showErrorBox('opentine could not start', `${message}\n\nDetails are in ${LOG}`)
  // exit, not quit: no half-started window may keep the single-instance lock.
  app.exit(1)
}
