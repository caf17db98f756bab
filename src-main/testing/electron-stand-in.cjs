'use strict'
// A recording stand-in for the 'electron' module, for loading the BUILT main process and preload
// in plain Node (Electron's binary cannot run on this project's machines). It behaves like
// Electron where the app depends on it (ready, window lifecycle, ipcMain.handle rules, quit
// events, push delivery to the preload) and records every call for the assertions.
const childProcess = require('node:child_process')
const { EventEmitter } = require('node:events')
const os = require('node:os')
const path = require('node:path')
const fs = require('node:fs')
const { pathToFileURL } = require('node:url')

// One recording per process, even if the module is loaded twice (once as ESM, once by require).
const recording = (globalThis.__tineElectronStandIn ??= {
  lockRequests: 0,
  windows: [],
  webContentsCreated: 0,
  ipcHandlers: new Map(),
  menus: [],
  recentDocuments: [],
  openedExternal: [],
  dialogs: [],
  permissionRequestHandler: null,
  permissionCheckHandler: null,
  exposed: new Map(),
  rendererInvokes: [],
  quitRequests: 0,
  quitted: false,
  paths: new Map(),
  name: null,
  privilegedSchemes: [],
  protocolHandlers: new Map(),
  utilityForks: [],
  popups: [],
  aboutPanelShown: 0
})

/** TINE_STANDIN_FAIL=<api name> makes that stand-in call throw, as a broken install or platform would. */
function failIfAsked(apiName) {
  if (process.env.TINE_STANDIN_FAIL === apiName) throw new Error(`stand-in: ${apiName} failed`)
}

function preventable() {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true
    }
  }
  return event
}

class StandInApp extends EventEmitter {
  constructor() {
    super()
    this.isPackaged = false
    this.readyPromise = null
  }
  /** Like Electron, 'ready' comes after the main script's first synchronous run (here: once it asks). */
  whenReady() {
    this.readyPromise ??= new Promise((resolve) =>
      setImmediate(() => {
        recording.ready = true
        this.emit('ready')
        resolve()
      })
    )
    return this.readyPromise
  }
  requestSingleInstanceLock() {
    recording.lockRequests++
    return true
  }
  setName(name) {
    recording.name = name
  }
  getName() {
    return recording.name ?? 'opentine-desktop'
  }
  setPath(name, value) {
    if (recording.ready) throw new Error(`stand-in: setPath(${name}) after ready is too late for Electron`)
    recording.paths.set(name, value)
  }
  getPath(name) {
    if (recording.paths.has(name)) return recording.paths.get(name)
    if (name !== 'userData') throw new Error(`stand-in: getPath(${name}) not modelled`)
    const dir = process.env.TINE_STANDIN_USERDATA ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tine-userdata-'))
    process.env.TINE_STANDIN_USERDATA = dir
    return dir
  }
  setAboutPanelOptions(options) {
    recording.aboutPanelOptions = options
  }
  showAboutPanel() {
    recording.aboutPanelShown++
  }
  getAppPath() {
    return process.env.TINE_STANDIN_APPPATH ?? process.cwd()
  }
  getVersion() {
    return '0.1.0-standin'
  }
  addRecentDocument(p) {
    recording.recentDocuments.push(p)
  }
  clearRecentDocuments() {
    recording.recentDocuments.length = 0
  }
  /** Electron's order: before-quit, then will-quit; either may be prevented. */
  quit() {
    recording.quitRequests++
    const before = preventable()
    this.emit('before-quit', before)
    if (before.defaultPrevented) return
    const will = preventable()
    this.emit('will-quit', will)
    if (will.defaultPrevented) return
    recording.quitted = true
    this.emit('quit')
  }
  exit(code) {
    recording.exitCode = code
    recording.quitted = true
  }
}
const app = new StandInApp()

let nextId = 1
class StandInWebContents extends EventEmitter {
  constructor(owner) {
    super()
    this.id = nextId++
    this.owner = owner
    this.sent = []
    this.windowOpenHandler = null
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler
  }
  send(channel, ...args) {
    this.sent.push({ channel, args })
    // Deliver to the preload loaded in this process, as the renderer would receive it.
    ipcRenderer.emit(channel, { sender: ipcRenderer }, ...args)
  }
  isDestroyed() {
    return this.owner.destroyed
  }
  reload() {
    this.reloads = (this.reloads ?? 0) + 1
  }
  getURL() {
    return this.owner.loadedUrl ?? ''
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options = {}) {
    super()
    this.options = options
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 }
    this.destroyed = false
    this.maximized = false
    this.visible = options.show !== false
    this.focusCalls = 0
    this.loadedFile = null
    this.webContents = new StandInWebContents(this)
    recording.windows.push(this)
    recording.webContentsCreated++
    app.emit('web-contents-created', preventable(), this.webContents)
  }
  static getAllWindows() {
    return recording.windows.filter((w) => !w.destroyed)
  }
  static fromWebContents(contents) {
    return recording.windows.find((w) => w.webContents === contents) ?? null
  }
  loadFile(file) {
    this.loadedFile = file
    setImmediate(() => this.emit('ready-to-show'))
    return Promise.resolve()
  }
  loadURL(url) {
    this.loadedUrl = url
    setImmediate(() => this.emit('ready-to-show'))
    return Promise.resolve()
  }
  show() {
    this.visible = true
  }
  focus() {
    this.focusCalls++
  }
  restore() {}
  isMinimized() {
    return false
  }
  maximize() {
    this.maximized = true
  }
  isMaximized() {
    return this.maximized
  }
  getNormalBounds() {
    return { ...this.bounds }
  }
  isDestroyed() {
    return this.destroyed
  }
  close() {
    const event = preventable()
    this.emit('close', event)
    if (event.defaultPrevented) return
    this.destroyed = true
    this.emit('closed')
  }
}

const ipcMain = {
  handle(channel, handler) {
    // Electron throws on a second handler for one channel; so does the stand-in.
    if (recording.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    recording.ipcHandlers.set(channel, handler)
  },
  removeHandler(channel) {
    recording.ipcHandlers.delete(channel)
  },
  on() {}
}

/** The renderer side: invoke reaches the handler main registered, as a call from our window's main frame. */
class StandInIpcRenderer extends EventEmitter {
  async invoke(channel, ...args) {
    recording.rendererInvokes.push(channel)
    const handler = recording.ipcHandlers.get(channel)
    if (!handler)
      throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`)
    const window = recording.windows.find((w) => !w.destroyed)
    const url = window.loadedUrl ?? pathToFileURL(window.loadedFile).href
    const event = { sender: window.webContents, senderFrame: { url, parent: null } }
    return handler(event, ...args)
  }
}
const ipcRenderer = new StandInIpcRenderer()

const Menu = {
  buildFromTemplate(template) {
    return {
      template,
      popup() {
        recording.popups.push(template)
      }
    }
  },
  setApplicationMenu(menu) {
    recording.menus.push(menu ? menu.template : null)
  }
}

const dialog = {
  async showOpenDialog(...args) {
    recording.dialogs.push({ kind: 'open', args })
    return { canceled: true, filePaths: [] }
  },
  async showMessageBox(...args) {
    recording.dialogs.push({ kind: 'message', args })
    return { response: 0 }
  },
  showErrorBox(title, content) {
    recording.dialogs.push({ kind: 'error', args: [title, content] })
  }
}

const shell = {
  async openExternal(url) {
    recording.openedExternal.push(url)
  },
  showItemInFolder(file) {
    ;(recording.shownInFolder ??= []).push(file)
  }
}

const protocol = {
  registerSchemesAsPrivileged(schemes) {
    if (recording.ready) throw new Error('stand-in: registerSchemesAsPrivileged must be called before ready')
    recording.privilegedSchemes.push(...schemes)
  },
  handle(scheme, handler) {
    failIfAsked('protocol.handle')
    if (recording.protocolHandlers.has(scheme)) throw new Error(`stand-in: ${scheme} is already handled`)
    recording.protocolHandlers.set(scheme, handler)
  }
}

// A real child process that sees what an Electron utility process sees: process.parentPort.
const utilityProcess = {
  fork(modulePath, args = [], options = {}) {
    recording.utilityForks.push({ modulePath, options })
    const boot = path.join(__dirname, 'electron-utility-child.mjs')
    const child = childProcess.fork(boot, [modulePath, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      execArgv: [],
      stdio: ['ignore', 'ignore', Array.isArray(options.stdio) ? (options.stdio[2] ?? 'pipe') : 'pipe', 'ipc'],
      serialization: 'advanced'
    })
    ;(recording.utilityForkPids ??= []).push(child.pid)
    const proc = new EventEmitter()
    const running = () => child.exitCode === null && child.signalCode === null
    Object.defineProperty(proc, 'pid', { get: () => (running() ? child.pid : undefined) })
    proc.stdout = null
    proc.stderr = child.stderr
    proc.postMessage = (message) => {
      if (child.connected) child.send(message)
    }
    proc.kill = () => (running() ? child.kill('SIGTERM') : false)
    child.on('spawn', () => proc.emit('spawn'))
    child.on('message', (message) => proc.emit('message', message))
    // Electron reports only a code; a signal death shows as a non-zero one.
    child.on('exit', (code) => proc.emit('exit', code ?? 1))
    return proc
  }
}

const session = {
  defaultSession: {
    setPermissionRequestHandler(handler) {
      recording.permissionRequestHandler = handler
    },
    setPermissionCheckHandler(handler) {
      recording.permissionCheckHandler = handler
    }
  }
}

const screen = {
  getAllDisplays() {
    return [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]
  }
}

const nativeTheme = { shouldUseDarkColors: false }

// Records that keys are stored through the OS keychain; "encrypts" reversibly so a test can read them back.
const safeStorage = {
  isEncryptionAvailable() {
    return true
  },
  getSelectedStorageBackend() {
    return 'gnome_libsecret'
  },
  encryptString(text) {
    return Buffer.from(`stand-in:${text}`, 'utf8')
  },
  decryptString(buffer) {
    return Buffer.from(buffer)
      .toString('utf8')
      .replace(/^stand-in:/, '')
  }
}

const contextBridge = {
  exposeInMainWorld(key, api) {
    if (recording.exposed.has(key))
      throw new Error(`Cannot bind an API on top of an existing property on the window object`)
    recording.exposed.set(key, api)
  }
}

const webUtils = {
  getPathForFile(file) {
    return file && typeof file.path === 'string' ? file.path : ''
  }
}

module.exports = {
  app,
  BrowserWindow,
  ipcMain,
  ipcRenderer,
  Menu,
  dialog,
  shell,
  session,
  screen,
  nativeTheme,
  safeStorage,
  contextBridge,
  webUtils,
  protocol,
  utilityProcess,
  recording
}
