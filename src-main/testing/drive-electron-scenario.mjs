// Runs the BUILT out/main/index.js with the electron stand-in through one start-up or shutdown
// scenario and prints one JSON report line. Usage: node drive-electron-scenario.mjs <out dir> <scenario> <folder>
//   onready-fails     protocol.handle throws inside onReady
//   second-launch     a second instance arrives while the launch folders are still being opened
//   open-file-mac     macOS: every window closed, then Finder opens a .tine file
//   quit-mid-run      an agent run is waiting on its model when the user quits
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { useElectronStandIn, waitFor } from './electron-stand-in-loader.mjs'

const [outDir, scenario, folder] = process.argv.slice(2)
const { recording, app, ipcMain } = useElectronStandIn()
const alive = (pid) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
const invoke = (channel, request) => {
  const window = recording.windows.find((w) => !w.destroyed)
  return recording.ipcHandlers.get(`tine:${channel}`)(
    { sender: window.webContents, senderFrame: { url: window.loadedUrl, parent: null } },
    request
  )
}
const finish = (report) => process.stdout.write(`REPORT ${JSON.stringify(report)}\n`)

process.argv = [process.execPath, path.dirname(outDir), folder]
process.env.TINE_STANDIN_APPPATH = path.dirname(outDir)
const report = { scenario }

if (scenario === 'open-file-mac') Object.defineProperty(process, 'platform', { value: 'darwin' })
let hangingServer = null
if (scenario === 'quit-mid-run') {
  // A model server that accepts the request and never answers: the run is mid-flight until quit.
  hangingServer = http.createServer(() => undefined)
  await new Promise((resolve) => hangingServer.listen(0, '127.0.0.1', resolve))
  process.env.OPENAI_BASE_URL = `http://127.0.0.1:${hangingServer.address().port}/v1`
  process.env.OPENAI_API_KEY = 'sk-test-not-a-real-key'
}
if (scenario === 'second-launch') {
  // The second launch arrives the moment the app starts answering IPC, before the folders are open.
  const handle = ipcMain.handle
  ipcMain.handle = function (channel, handler) {
    handle.call(this, channel, handler)
    if (channel === 'tine:folders.open') {
      report.windowsWhenSecondLaunched = recording.windows.length
      app.emit('second-instance', {}, [process.execPath, path.dirname(outDir)], folder)
    }
  }
}

await import(pathToFileURL(path.join(outDir, 'main', 'index.js')).href)

if (scenario === 'onready-fails') {
  await waitFor('the error dialog', () => recording.dialogs.some((d) => d.kind === 'error'))
  report.errorDialogs = recording.dialogs.filter((d) => d.kind === 'error').map((d) => d.args)
  report.exitCode = recording.exitCode
  report.windows = recording.windows.length
  const log = path.join(recording.paths.get('userData'), 'logs', 'main.log')
  report.log = existsSync(log) ? readFileSync(log, 'utf8') : null
  finish(report)
  process.exit(0)
}

await waitFor('the first window', () => recording.windows.length > 0)
await waitFor('the launch folder', async () => {
  const reply = await invoke('folders.list', {})
  const folders = reply.ok ? JSON.parse(reply.json) : []
  return folders.length > 0 && folders[0].runs.length > 0
})

if (scenario === 'second-launch') {
  report.windows = recording.windows.length
}

if (scenario === 'open-file-mac') {
  recording.windows[0].close()
  report.windowsOpenAfterClose = recording.windows.filter((w) => !w.destroyed).length
  report.quitAfterLastWindow = recording.quitRequests
  const file = path.join(
    folder,
    readdirSync(folder).find((name) => name.endsWith('.tine'))
  )
  const event = {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true
    }
  }
  app.emit('open-file', event, file)
  report.openFilePrevented = event.defaultPrevented
  await waitFor('a window for the opened file', () => recording.windows.some((w) => !w.destroyed))
  report.windowsOpenAfterOpenFile = recording.windows.filter((w) => !w.destroyed).length
  report.newWindowLoaded = recording.windows.at(-1).loadedUrl
  await waitFor('the opened file among the recent documents', () => recording.recentDocuments.includes(file))
  const menu = recording.menus.at(-1)
  report.appMenu = menu[0].submenu.map((item) => item.role ?? item.type)
  report.fileMenu = menu
    .find((m) => m.label === 'File')
    .submenu.map((item) => item.accelerator ?? item.role ?? item.label ?? item.type)
  report.topMenus = menu.map((m) => m.label ?? m.role)
}

if (scenario === 'quit-mid-run') {
  const started = await invoke('agents.start', {
    folder,
    provider: 'openai-compatible',
    model: 'hangs-forever',
    systemPrompt: '',
    prompt: 'wait for an answer that never comes',
    tools: []
  })
  report.started = started.ok ? 'ok' : started
  report.forks = recording.utilityForks.map((f) => path.basename(f.modulePath))
  const active = await invoke('agents.active', {})
  report.activeBeforeQuit = active.ok ? JSON.parse(active.json).map((run) => run.state) : active
  const pid = await waitFor('the runner pid', () => recording.utilityForkPids?.[0])
  report.runnerAliveBeforeQuit = alive(pid)
  app.quit()
  await waitFor('quit', () => recording.quitted, 30_000)
  report.runnerAliveAfterQuit = alive(pid)
  hangingServer.closeAllConnections()
  hangingServer.close()
}

if (scenario !== 'quit-mid-run') {
  for (const window of recording.windows) if (!window.destroyed) window.close()
  app.quit()
  await waitFor('quit', () => recording.quitted, 30_000)
}
finish(report)
