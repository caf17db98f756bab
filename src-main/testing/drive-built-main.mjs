// Runs in its own Node process: loads the BUILT out/main/index.js with the electron stand-in,
// plays Electron's part (ready, a second instance, quit) and prints one JSON report line.
// Usage: node drive-built-main.mjs <out dir> <initial folder> <.tine file for the second instance>
import Module, { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { useElectronStandIn, waitFor } from './electron-stand-in-loader.mjs'

const [outDir, initialFolder, secondFile] = process.argv.slice(2)
const mainEntry = path.join(outDir, 'main', 'index.js')
const { recording, app, ipcRenderer } = useElectronStandIn()
const require = createRequire(import.meta.url)

const report = {}
// What Electron passes an unpackaged app: the binary, the app path, then the user's arguments.
process.argv = [process.execPath, path.dirname(outDir), initialFolder]
process.env.TINE_STANDIN_APPPATH = path.dirname(outDir)
process.env.TINE_HOME = process.env.TINE_STANDIN_USERDATA
await import(pathToFileURL(mainEntry).href)

const window = await waitFor('the main window', () => recording.windows[0])
await waitFor('the renderer load', () => window.loadedUrl)
await waitFor('the menu', () => recording.menus.length > 0)
report.lockRequests = recording.lockRequests
report.windowCount = recording.windows.length
report.webPreferences = window.options.webPreferences
report.loadedUrl = window.loadedUrl
report.loadedFile = window.loadedFile ?? null
report.privilegedSchemes = recording.privilegedSchemes
report.userDataPath = recording.paths.get('userData')
report.appName = recording.name
// The page and its assets, as Chromium would fetch them through the registered app:// handler.
const serve = recording.protocolHandlers.get('app')
const page = await serve(new Request(window.loadedUrl))
const html = await page.text()
report.servedPage = {
  status: page.status,
  type: page.headers.get('content-type'),
  csp: page.headers.get('content-security-policy'),
  html
}
const script = /<script[^>]+src="([^"]+)"/.exec(html)[1]
const asset = await serve(new Request(new URL(script, window.loadedUrl).href))
report.servedScript = { status: asset.status, type: asset.headers.get('content-type') }
report.servedTraversal = (await serve(new Request('app://opentine/..%2f..%2fpackage.json'))).status
report.servedOtherHost = (await serve(new Request('app://elsewhere/index.html'))).status
report.visibleAfterReady = await waitFor('ready-to-show', () => window.visible)
report.channels = [...recording.ipcHandlers.keys()].sort()

// Navigation and window.open guards on the window's webContents.
const contents = window.webContents
const navigation = {
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true
  }
}
contents.emit('will-navigate', navigation, 'https://evil.example/')
report.navigationPrevented = navigation.defaultPrevented
report.openWeb = contents.windowOpenHandler({ url: 'https://example.com/docs' })
report.openFile = contents.windowOpenHandler({ url: 'file:///etc/passwd' })
await new Promise((resolve) => setImmediate(resolve))
report.openedExternal = [...recording.openedExternal]
report.linkQuestions = recording.dialogs.filter((d) => d.kind === 'message').map((d) => d.args.at(-1).detail)
const ask = (permission, facts) =>
  new Promise((resolve) => recording.permissionRequestHandler(contents, permission, resolve, facts))
const appFrame = { requestingUrl: window.loadedUrl, isMainFrame: true }
report.permissions = {
  clipboardForApp: await ask('clipboard-sanitized-write', appFrame),
  clipboardForSubFrame: await ask('clipboard-sanitized-write', { ...appFrame, isMainFrame: false }),
  clipboardForFilePage: await ask('clipboard-sanitized-write', {
    requestingUrl: 'file:///tmp/evil.html',
    isMainFrame: true
  }),
  clipboardForWebPage: await ask('clipboard-sanitized-write', {
    requestingUrl: 'https://evil.example/',
    isMainFrame: true
  }),
  mediaForApp: await ask('media', appFrame),
  clipboardReadForApp: await ask('clipboard-read', appFrame),
  checkClipboardForApp: recording.permissionCheckHandler(
    contents,
    'clipboard-sanitized-write',
    'app://opentine',
    appFrame
  ),
  checkClipboardForWebPage: recording.permissionCheckHandler(
    contents,
    'clipboard-sanitized-write',
    'https://evil.example',
    { requestingUrl: 'https://evil.example/', isMainFrame: true }
  )
}

// IPC sender checks, called the way Electron would call the handler.
const listHandler = recording.ipcHandlers.get('tine:folders.list')
const frame = (url, parent = null) => ({ sender: contents, senderFrame: { url, parent } })
const rendererUrl = window.loadedUrl
report.trustedList = await listHandler(frame(rendererUrl), {})
report.foreignPage = await listHandler(frame('https://evil.example/'), {})
// What the renderer would have been under file:// (with the drive letter Chromium reports on Windows).
report.filePage = await listHandler(frame('file:///C:/Users/me/opentine/out/renderer/index.html'), {})
report.subFrame = await listHandler(frame(rendererUrl, {}), {})
report.otherWebContents = await listHandler({ sender: {}, senderFrame: { url: rendererUrl, parent: null } }, {})

// The built preload, as the sandboxed renderer would load it.
const preloadFile = window.options.webPreferences.preload
const required = []
const originalLoad = Module._load
Module._load = function (request, ...rest) {
  required.push(request)
  return originalLoad.call(this, request, ...rest)
}
require(preloadFile)
Module._load = originalLoad
report.preloadRequires = required.filter((request) => request !== preloadFile)
const bridge = recording.exposed.get('tineBridge')
report.exposedKeys = [...recording.exposed.keys()]
report.bridgeKeys = Object.keys(bridge).sort()
report.bridgeAppInfo = JSON.parse(await bridge.invoke('app.info', {}))
const invokesBefore = recording.rendererInvokes.length
report.bridgeUnknown = await bridge.invoke('fs.readFile', { path: '/etc/passwd' }).then(
  () => 'resolved',
  (error) => error
)
report.bridgeUnknownReachedMain = recording.rendererInvokes.length !== invokesBefore
report.bridgeBadRequest = await bridge.invoke('runs.load', { file: 42 }).then(
  () => 'resolved',
  (error) => error
)
const pushed = []
const unsubscribe = bridge.onEvent((event) => pushed.push(event))

// A second launch with a .tine path (relative to its own working directory).
const focusBefore = window.focusCalls
app.emit(
  'second-instance',
  {},
  [process.execPath, path.dirname(outDir), '--enable-features=X', path.basename(secondFile)],
  path.dirname(secondFile)
)
const opened = await waitFor('the second-instance file in folders.list', async () => {
  const reply = await listHandler(frame(rendererUrl), {})
  const folders = reply.ok ? JSON.parse(reply.json) : []
  return folders.some((f) => f.singleFile === secondFile && f.runs.length > 0) ? folders : null
})
report.foldersAfterSecondInstance = opened.map((f) => ({
  folder: f.folder,
  singleFile: f.singleFile,
  runs: f.runs.length
}))
report.focusedOnSecondInstance = window.focusCalls > focusBefore
report.pushedFolderEvent = await waitFor('a folders push event', () =>
  pushed.some((e) => e.kind === 'folders' && e.folders.some((f) => f.singleFile === secondFile))
)
unsubscribe()
report.recentDocuments = [...recording.recentDocuments]
report.lastMenu = JSON.parse(
  JSON.stringify(recording.menus.at(-1), (key, value) => (key === 'click' ? undefined : value))
)

// Quit: main closes its watchers and worker, saves state, then lets the quit through.
window.close()
app.quit()
await waitFor('quit', () => recording.quitted)
report.quitRequests = recording.quitRequests
report.state = JSON.parse(readFileSync(path.join(recording.paths.get('userData'), 'state.json'), 'utf8'))
process.stdout.write(`REPORT ${JSON.stringify(report)}\n`)
// No process.exit: if a watcher or worker were left open, the process would not end and the test would see it.
