// The Electron shell's logic that does not need Electron: argv handling, remembered state,
// the menu, link policy and the IPC wrapper (given a recording ipcMain).
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { IpcMainInvokeEvent } from 'electron'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CHANNELS } from '../../src-shared/api/contract'
import { loadAppState, MAX_RECENT, saveAppState, stateFile, withRecent, emptyState } from './app-state'
import { isExternalWebUrl } from './guards'
import { registerIpcHandlers } from './ipc'
import type { IpcReply } from './ipc-reply'
import { openablePaths, userArgs } from './launch-paths'
import { menuTemplate } from './menu'
import { REPO_ROOT } from '../../e2e/kit/paths'
import { ServedApiDouble } from '../testing/served-api'
import { WireJson } from '../workers/wire-json'

let dir: string
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tine-shell-'))
})
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true })
})

describe('launch paths', () => {
  it('keeps existing folders and .tine files, resolved against the launch folder', async () => {
    await fs.mkdir(path.join(dir, 'runs'))
    await fs.writeFile(path.join(dir, 'a.tine'), '{}')
    await fs.writeFile(path.join(dir, 'notes.txt'), 'x')
    const found = openablePaths(
      ['runs', '--flag', 'a.tine', 'notes.txt', 'missing.tine', '-psn_0_1', 'a.tine', ''],
      dir
    )
    expect(found).toEqual([path.join(dir, 'runs'), path.join(dir, 'a.tine')])
  })

  it('skips the app folder that an unpackaged `electron .` passes', async () => {
    expect(openablePaths(['.'], dir, [dir])).toEqual([])
    expect(userArgs(['/bin/electron', '.', 'x.tine'], false)).toEqual(['x.tine'])
    expect(userArgs(['/Applications/opentine', 'x.tine'], true)).toEqual(['x.tine'])
  })
})

describe('remembered state', () => {
  it('round-trips through userData/state.json and ignores a damaged file', async () => {
    const file = stateFile(dir)
    expect(await loadAppState(file)).toEqual(emptyState())
    const state = {
      recent: ['/r/one', '/r/two.tine'],
      bounds: { x: 10, y: 20, width: 900, height: 700 },
      maximized: true
    }
    await saveAppState(file, state)
    expect(await loadAppState(file)).toEqual(state)
    expect((await fs.readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([])
    await fs.writeFile(file, '{"recent": "not a list", "bounds": {"x": "left"}, "maximized": 3}')
    expect(await loadAppState(file)).toEqual(emptyState())
    await fs.writeFile(file, '{truncated')
    expect(await loadAppState(file)).toEqual(emptyState())
  })

  it('keeps recent paths most recent first, unique and capped', () => {
    let state = emptyState()
    state = withRecent(state, ['/a', '/b'])
    state = withRecent(state, ['/a'])
    expect(state.recent).toEqual(['/a', '/b'])
    for (let i = 0; i < 20; i++) state = withRecent(state, [`/p${i}`])
    expect(state.recent).toHaveLength(MAX_RECENT)
    expect(state.recent[0]).toBe('/p19')
  })
})

describe('menu', () => {
  const noop = { openFolder() {}, openFile() {}, openRecent() {}, clearRecent() {}, closeFolder() {}, about() {} }
  const labels = (items: Electron.MenuItemConstructorOptions[]): string[] =>
    items.map((i) => i.label ?? String(i.role ?? i.type))
  const submenu = (item: Electron.MenuItemConstructorOptions | undefined): Electron.MenuItemConstructorOptions[] =>
    (item?.submenu ?? []) as Electron.MenuItemConstructorOptions[]

  it('has File > Open Folder/Open File/Open Recent/Close Folder with accelerators', () => {
    const opened: string[] = []
    const template = menuTemplate(
      {
        recent: ['/runs/a'],
        openFolders: [{ folder: '/runs', shown: '/runs/x.tine' }],
        isDev: false,
        platform: 'linux'
      },
      { ...noop, openRecent: (p) => opened.push(`recent ${p}`), closeFolder: (f) => opened.push(`close ${f}`) }
    )
    const file = submenu(template.find((i) => i.label === 'File'))
    expect(labels(file)).toEqual(
      expect.arrayContaining(['Open Folder...', 'Open File...', 'Open Recent', 'Close Folder'])
    )
    expect(file.find((i) => i.label === 'Open Folder...')?.accelerator).toBe('CmdOrCtrl+O')
    expect(file.find((i) => i.label === 'Open File...')?.accelerator).toBe('CmdOrCtrl+Shift+O')
    const recent = submenu(file.find((i) => i.label === 'Open Recent'))
    ;(recent[0].click as () => void)()
    const close = submenu(file.find((i) => i.label === 'Close Folder'))
    expect(close[0].label).toContain('x.tine')
    ;(close[0].click as () => void)()
    expect(opened).toEqual(['recent /runs/a', 'close /runs'])
  })

  it('has Help > About on Windows and Linux, and Close Window (CmdOrCtrl+W) everywhere', () => {
    let abouts = 0
    for (const platform of ['linux', 'win32'] as const) {
      const template = menuTemplate(
        { recent: [], openFolders: [], isDev: false, platform },
        { ...noop, about: () => abouts++ }
      )
      const help = submenu(template.find((i) => i.role === 'help'))
      expect(labels(help)).toEqual(['About opentine'])
      ;(help[0].click as () => void)()
      expect(submenu(template.find((i) => i.label === 'File')).find((i) => i.role === 'close')?.accelerator).toBe(
        'CmdOrCtrl+W'
      )
    }
    expect(abouts).toBe(2)
    const mac = menuTemplate({ recent: [], openFolders: [], isDev: false, platform: 'darwin' }, noop)
    expect(mac.find((i) => i.role === 'help')).toBeUndefined()
    expect(submenu(mac.find((i) => i.label === 'File')).find((i) => i.role === 'close')?.accelerator).toBe(
      'CmdOrCtrl+W'
    )
  })

  it('offers DevTools in development only', () => {
    const view = (isDev: boolean) =>
      submenu(
        menuTemplate({ recent: [], openFolders: [], isDev, platform: 'linux' }, noop).find((i) => i.label === 'View')
      ).map((i) => i.role)
    expect(view(true)).toContain('toggleDevTools')
    expect(view(false)).not.toContain('toggleDevTools')
    expect(view(false)).toContain('reload')
  })
})

describe('external links', () => {
  it.each([
    ['https://example.com/a?b', true],
    ['http://example.com', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<b>x</b>', false],
    ['smb://host/share', false],
    ['https://user:pw@example.com', false],
    ['not a url', false]
  ])('%s -> %s', (url, allowed) => {
    expect(isExternalWebUrl(url)).toBe(allowed)
  })
})

describe('IPC wrapper', () => {
  type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<IpcReply>
  function recordingIpcMain() {
    const handlers = new Map<string, Handler>()
    return {
      handlers,
      handle: (name: string, handler: Handler) => {
        if (handlers.has(name)) throw new Error(`second handler for ${name}`)
        handlers.set(name, handler)
      },
      removeHandler: (name: string) => handlers.delete(name)
    }
  }
  const trusted = { trusted: true } as unknown as IpcMainInvokeEvent
  const stranger = { trusted: false } as unknown as IpcMainInvokeEvent

  it('registers every contract channel once, refuses strangers and carries error codes', async () => {
    const ipcMain = recordingIpcMain()
    const api = new ServedApiDouble()
    const seen: string[] = []
    const unregister = registerIpcHandlers({
      ipcMain: ipcMain as never,
      service: api,
      isTrustedSender: (event) => (event as unknown as { trusted: boolean }).trusted,
      afterDispatch: (channel) => seen.push(channel),
      logError: () => undefined
    })
    expect([...ipcMain.handlers.keys()].sort()).toEqual(CHANNELS.map((c) => `tine:${c}`).sort())

    const info = ipcMain.handlers.get('tine:app.info')!
    expect(await info(trusted, {})).toEqual({
      ok: true,
      json: JSON.stringify({ version: '9.9.9', mode: 'browser', platform: process.platform })
    })
    expect(await info(stranger, {})).toEqual({
      ok: false,
      error: 'request from an unknown window refused',
      code: 'forbidden'
    })
    expect(api.calls).toHaveLength(1)
    expect(await ipcMain.handlers.get('tine:runs.load')!(trusted, { file: '/etc/passwd' })).toEqual({
      ok: false,
      error: 'path is outside the opened folders',
      code: 'forbidden-path'
    })
    expect(await ipcMain.handlers.get('tine:runs.step')!(trusted, {})).toEqual({
      ok: false,
      error: 'internal error',
      code: 'internal'
    })
    expect(seen).toEqual(['app.info'])
    unregister()
    expect(ipcMain.handlers.size).toBe(0)
  })

  it("answers with a load worker's JSON text as it came, and any other result serialized", async () => {
    const ipcMain = recordingIpcMain()
    // Spacing JSON.stringify would not write shows the worker's text is passed on untouched.
    const workerText = '{ "runId": "r1", "steps": [] }'
    registerIpcHandlers({
      ipcMain: ipcMain as never,
      service: {
        dispatchWire: async (channel) => (channel === 'runs.load' ? new WireJson(workerText) : { folders: [] })
      },
      isTrustedSender: () => true,
      logError: () => undefined
    })
    expect(await ipcMain.handlers.get('tine:runs.load')!(trusted, { file: '/r/a.tine' })).toEqual({
      ok: true,
      json: workerText
    })
    expect(await ipcMain.handlers.get('tine:folders.list')!(trusted, {})).toEqual({
      ok: true,
      json: '{"folders":[]}'
    })
  })
})

describe('packaging config', () => {
  it('declares .tine as a file association and ships the built app', async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'))
    expect(pkg.main).toBe('out/main/index.js')
    expect(pkg.build.fileAssociations).toContainEqual(
      expect.objectContaining({
        ext: 'tine',
        name: 'opentine run',
        role: 'Viewer',
        mimeType: 'application/x-opentine-run'
      })
    )
    expect(pkg.build.nsis.perMachine).toBe(true)
    expect(pkg.build.linux.target).toEqual(['AppImage', 'deb'])
    expect(pkg.build.mac.target).toEqual(['dmg'])
    expect(pkg.build.win.target).toEqual(['nsis'])
    expect(pkg.productName).toBe('opentine')
    for (const library of ['react', 'react-dom', '@xyflow/react', 'zustand', 'elkjs', 'markdown-it', 'dompurify'])
      expect(pkg.dependencies[library], library).toBeUndefined()
    expect(pkg.build.files).toContain('out/**/*')
    expect(pkg.build.appId).toMatch(/^[a-z0-9.-]+$/)
  })
})
