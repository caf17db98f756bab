// Electron cannot start on this project's machines, so the shell is proven on the BUILT output:
// out/main/index.js runs in Node with a recording stand-in for 'electron' (electron-stand-in.cjs).
import { spawn } from 'node:child_process'
import { existsSync, promises as fs, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHANNELS } from '../../src-shared/api/contract'
import { CONTENT_SECURITY_POLICY } from '../web/csp'

/** Directives only a header can enforce, or that the html leaves to default-src. */
const HEADER_ONLY_DIRECTIVES = ['form-action', 'frame-ancestors']
import { FIXTURES_DIR } from '../../e2e/kit/paths'
import { BUILT, ensureBuiltApp, OUT_DIR } from '../testing/built-app'

const DRIVER = fileURLToPath(new URL('../testing/drive-built-main.mjs', import.meta.url))
const GUI_RUNS = path.join(FIXTURES_DIR, 'gui', '.tine_runs')

type Report = Record<string, any>

let work: string
let initialFolder: string
let secondFile: string
let report: Report
let driverExit: { code: number | null; stderr: string; msToExit: number }

function runDriver(
  userData: string
): Promise<{ stdout: string; stderr: string; code: number | null; msToExit: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const child = spawn(process.execPath, [DRIVER, OUT_DIR, initialFolder, secondFile], {
      cwd: work,
      env: { ...process.env, TINE_STANDIN_USERDATA: userData, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
    const killer = setTimeout(() => child.kill('SIGKILL'), 45_000)
    child.on('error', reject)
    child.on('exit', (code) => {
      clearTimeout(killer)
      resolve({ stdout, stderr, code, msToExit: Date.now() - started })
    })
  })
}

beforeAll(async () => {
  ensureBuiltApp()
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'tine-smoke-'))
  initialFolder = path.join(work, 'runs')
  await fs.mkdir(initialFolder)
  await fs.copyFile(path.join(GUI_RUNS, 'demo-complete.tine'), path.join(initialFolder, 'demo-complete.tine'))
  await fs.copyFile(path.join(GUI_RUNS, 'demo-failed.tine'), path.join(initialFolder, 'demo-failed.tine'))
  const elsewhere = path.join(work, 'mail attachments')
  await fs.mkdir(elsewhere)
  secondFile = path.join(elsewhere, 'sent by a colleague.tine')
  await fs.copyFile(path.join(GUI_RUNS, 'demo-paused.tine'), secondFile)
  const userData = path.join(work, 'userData')
  await fs.mkdir(userData)
  const result = await runDriver(userData)
  driverExit = { code: result.code, stderr: result.stderr, msToExit: result.msToExit }
  const line = result.stdout.split('\n').find((l) => l.startsWith('REPORT '))
  if (!line) throw new Error(`the driver printed no report (exit ${result.code}):\n${result.stderr}\n${result.stdout}`)
  report = JSON.parse(line.slice('REPORT '.length))
}, 300_000)

afterAll(async () => {
  if (work) await fs.rm(work, { recursive: true, force: true })
})

describe('built app: the window', () => {
  it('takes the single-instance lock and opens one window', () => {
    expect(report.lockRequests).toBe(1)
    expect(report.windowCount).toBe(1)
    expect(report.visibleAfterReady).toBe(true)
  })

  it('creates the window with the security settings', () => {
    const prefs = report.webPreferences
    expect(prefs.sandbox).toBe(true)
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.webviewTag).toBe(false)
  })

  it('names a preload file that exists in out/, and it is a sandbox-loadable CommonJS file', () => {
    const preload = report.webPreferences.preload as string
    expect(path.resolve(preload)).toBe(BUILT.preload)
    expect(existsSync(preload)).toBe(true)
    // A sandboxed preload can require nothing but 'electron'.
    expect(report.preloadRequires).toEqual(['electron'])
    const source = readFileSync(preload, 'utf8')
    expect(source).not.toMatch(/^\s*import\s/m)
    expect([...source.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron'])
  })

  it('loads the renderer from the privileged app:// scheme, never from file://', () => {
    expect(report.loadedUrl).toBe('app://opentine/index.html')
    expect(report.loadedFile).toBeNull()
    expect(report.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }
    ])
  })

  it('serves the built renderer through the app:// handler, with the CSP header and module MIME types', () => {
    expect(report.servedPage.status).toBe(200)
    expect(report.servedPage.type).toMatch(/^text\/html/)
    expect(report.servedPage.html).toBe(readFileSync(BUILT.rendererHtml, 'utf8'))
    expect(report.servedPage.csp).toBe(CONTENT_SECURITY_POLICY)
    expect(report.servedScript).toEqual({ status: 200, type: 'text/javascript; charset=utf-8' })
    expect(report.servedTraversal).toBe(404)
    expect(report.servedOtherHost).toBe(404)
  })

  it('uses the same data folder as the CLI and browser mode', () => {
    expect(report.appName).toBe('opentine')
    // The driver sets TINE_HOME, which userDataDir() (the CLI's data folder) honours.
    expect(report.userDataPath).toBe(path.join(work, 'userData'))
  })

  it('blocks navigation, denies window.open and opens web links only after its own native question', () => {
    expect(report.navigationPrevented).toBe(true)
    expect(report.openWeb).toEqual({ action: 'deny' })
    expect(report.openFile).toEqual({ action: 'deny' })
    expect(report.linkQuestions).toHaveLength(1)
    expect(report.linkQuestions[0]).toContain('https://example.com/docs')
    expect(report.openedExternal).toEqual(['https://example.com/docs'])
  })

  it('grants clipboard write to the app frame only, and no other permission', () => {
    expect(report.permissions).toEqual({
      clipboardForApp: true,
      clipboardForSubFrame: false,
      clipboardForFilePage: false,
      clipboardForWebPage: false,
      mediaForApp: false,
      clipboardReadForApp: false,
      checkClipboardForApp: true,
      checkClipboardForWebPage: false
    })
  })

  it('has the File and View menus', () => {
    const file = report.lastMenu.find((m: Report) => m.label === 'File')
    expect(file.submenu.map((i: Report) => i.label).filter(Boolean)).toEqual(
      expect.arrayContaining(['Open Folder...', 'Open File...', 'Open Recent', 'Close Folder'])
    )
    const close = file.submenu.find((i: Report) => i.label === 'Close Folder')
    expect(close.submenu.length).toBe(2)
  })
})

describe('built app: IPC', () => {
  it('registers every channel of the API contract', () => {
    expect(report.channels).toEqual(CHANNELS.map((channel) => `tine:${channel}`).sort())
  })

  it('answers our renderer and refuses other pages, sub-frames and foreign webContents', () => {
    expect(report.trustedList.ok).toBe(true)
    const listed = JSON.parse(report.trustedList.json) as Report[]
    expect(listed.map((f: Report) => f.folder)).toEqual([initialFolder])
    expect(listed[0].runs).toHaveLength(2)
    for (const refused of [report.foreignPage, report.filePage, report.subFrame, report.otherWebContents]) {
      expect(refused).toEqual({ ok: false, error: 'request from an unknown window refused', code: 'forbidden' })
    }
  })

  it('exposes only the named bridge methods, and refuses undeclared channels before sending', () => {
    expect(report.exposedKeys).toEqual(['tineBridge'])
    expect(report.bridgeKeys).toEqual(['invoke', 'onEvent', 'pathForFile'])
    expect(report.bridgeAppInfo).toMatchObject({ mode: 'electron', version: '0.1.0-standin' })
    expect(report.bridgeUnknown).toMatchObject({ code: 'unknown-channel' })
    expect(report.bridgeUnknownReachedMain).toBe(false)
    expect(report.bridgeBadRequest).toMatchObject({ code: 'bad-request' })
  })
})

describe('built app: a second instance', () => {
  it('opens the .tine path it carries, focuses the window and pushes the new folder list', () => {
    const opened = report.foldersAfterSecondInstance.find((f: Report) => f.singleFile === secondFile)
    expect(opened).toEqual({ folder: path.dirname(secondFile), singleFile: secondFile, runs: 1 })
    expect(report.foldersAfterSecondInstance).toHaveLength(2)
    expect(report.focusedOnSecondInstance).toBe(true)
    expect(report.pushedFolderEvent).toBe(true)
  })

  it('remembers opened paths and the window bounds in userData/state.json', () => {
    expect(report.state.recent.slice(0, 2)).toEqual([secondFile, initialFolder])
    expect(report.recentDocuments).toEqual([initialFolder, secondFile])
    expect(report.state.bounds).toMatchObject({ width: 1280, height: 820 })
  })

  it('quits cleanly: watchers and workers closed, so the process ends on its own', () => {
    expect(driverExit.code, driverExit.stderr).toBe(0)
    expect(report.quitRequests).toBe(2)
  })
})

describe('built renderer: Content Security Policy', () => {
  it('the html meta policy and the browser-mode header agree', () => {
    const html = readFileSync(BUILT.rendererHtml, 'utf8')
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)
    expect(meta, 'index.html must carry a CSP meta tag').not.toBeNull()
    const parse = (policy: string) =>
      new Map(
        policy
          .split(';')
          .map((d) => d.trim())
          .filter(Boolean)
          .map((d) => [d.split(/\s+/)[0], d.split(/\s+/).slice(1).sort().join(' ')])
      )
    const fromHtml = parse(meta![1])
    const fromHeader = parse(CONTENT_SECURITY_POLICY)
    for (const [directive, sources] of fromHtml) {
      if (directive === 'frame-ancestors') continue // ignored in <meta>, enforced by the header
      expect(fromHeader.get(directive), directive).toBe(sources)
    }
    for (const directive of fromHeader.keys()) {
      if (!fromHtml.has(directive)) expect(HEADER_ONLY_DIRECTIVES, directive).toContain(directive)
    }
  })
})
