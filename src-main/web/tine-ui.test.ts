// `tine ui` for real: the CLI process, the real API service watching a temp folder, the built
// renderer, fetch against 127.0.0.1, and Ctrl-C.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { promises as fs } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURES_DIR, REPO_ROOT } from '../../e2e/kit/paths'
import { ensureBuiltApp } from '../testing/built-app'

const BIN = path.join(REPO_ROOT, 'src-main', 'cli', 'bin.mjs')
const GUI_RUNS = path.join(FIXTURES_DIR, 'gui', '.tine_runs')
const SERVING = /^opentine: serving (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64}))$/

let work: string
let runsDir: string

interface Launched {
  child: ChildProcessWithoutNullStreams
  url: string
  port: number
  token: string
  stdout: () => string
  stderr: () => string
  exited: Promise<number | null>
}

function launch(args: string[]): Promise<Launched> {
  const child = spawn(process.execPath, [BIN, 'ui', ...args], {
    cwd: work,
    env: { ...process.env, TINE_CACHE_DIR: path.join(work, 'cache'), DISPLAY: '', WAYLAND_DISPLAY: '', NO_COLOR: '1' }
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no serving line in 30 s; stderr: ${stderr}`)), 30_000)
    const check = () => {
      const match = stdout
        .split('\n')
        .map((l) => SERVING.exec(l))
        .find(Boolean)
      if (match) {
        clearTimeout(timer)
        resolve({
          child,
          url: match[1],
          port: Number(match[2]),
          token: match[3],
          stdout: () => stdout,
          stderr: () => stderr,
          exited
        })
      }
    }
    child.stdout.on('data', check)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`tine ui exited ${code} before serving; stderr: ${stderr}`))
    })
  })
}

function runToExit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'ui', ...args], {
      cwd: work,
      env: { ...process.env, TINE_CACHE_DIR: path.join(work, 'cache') }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

beforeAll(async () => {
  ensureBuiltApp()
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'tine-ui-'))
  runsDir = path.join(work, 'runs')
  await fs.mkdir(runsDir)
  await fs.copyFile(path.join(GUI_RUNS, 'demo-complete.tine'), path.join(runsDir, 'demo-complete.tine'))
}, 300_000)

afterAll(async () => {
  if (work) await fs.rm(work, { recursive: true, force: true })
})

describe('tine ui', () => {
  it('serves the folder, pushes a new file over SSE, and stops cleanly on Ctrl-C', async () => {
    const ui = await launch(['--no-open', runsDir])
    try {
      expect(ui.stdout().trim().split('\n')).toHaveLength(1)

      const page = await fetch(ui.url)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<div id="root">')
      expect((await fetch(`http://127.0.0.1:${ui.port}/`)).status).toBe(403)

      const invoke = (channel: string, body: unknown) =>
        fetch(`http://127.0.0.1:${ui.port}/api/invoke/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Tine-Token': ui.token },
          body: JSON.stringify(body)
        })
      const listed = await (await invoke('folders.list', {})).json()
      expect(listed.map((f: { folder: string }) => f.folder)).toEqual([runsDir])
      expect(listed[0].runs).toHaveLength(1)
      const info = await (await invoke('app.info', {})).json()
      expect(info.mode).toBe('browser')
      const outside = await invoke('runs.load', { file: path.join(GUI_RUNS, 'demo-failed.tine') })
      expect(outside.status).toBe(403)
      expect((await outside.json()).code).toBe('forbidden-path')

      const events = await fetch(`http://127.0.0.1:${ui.port}/api/events?token=${ui.token}`)
      const reader = events.body!.getReader()
      const decoder = new TextDecoder()
      let text = ''
      while (!text.includes(': connected')) text += decoder.decode((await reader.read()).value, { stream: true })
      const added = path.join(runsDir, 'demo-failed.tine')
      await fs.copyFile(path.join(GUI_RUNS, 'demo-failed.tine'), added)
      const deadline = Date.now() + 10_000
      let event: { kind: string; file?: string; run?: { status?: string } } | undefined
      while (!event && Date.now() < deadline) {
        text += decoder.decode((await reader.read()).value, { stream: true })
        event = text
          .split('\n')
          .filter((l) => l.startsWith('data: '))
          .map((l) => JSON.parse(l.slice(6)))
          .find((e) => e.kind === 'add' && e.file === added)
      }
      expect(event?.run?.status).toBe('failed')
      await reader.cancel()
    } finally {
      ui.child.kill('SIGINT')
    }
    expect(await ui.exited).toBe(0)
    expect(ui.stderr()).not.toMatch(/Error|at .*\.ts:\d+/)
  })

  it('reports a taken port in one line and exits 1', async () => {
    const blocker = net.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as net.AddressInfo).port
    try {
      const result = await runToExit(['--no-open', '--port', String(port), runsDir])
      expect(result.code).toBe(1)
      expect(result.stderr.trim()).toBe(`tine: port ${port} is already in use on 127.0.0.1`)
      expect(result.stdout).toBe('')
    } finally {
      blocker.close()
    }
  })

  it('refuses a malformed --port as a usage error and a missing folder in one line', async () => {
    const badPort = await runToExit(['--no-open', '--port', 'eighty', runsDir])
    expect(badPort.code).toBe(2)
    expect(badPort.stderr).toContain('--port must be a number')
    const missing = await runToExit(['--no-open', path.join(work, 'no-such-folder')])
    expect(missing.code).toBe(1)
    // Only a first-run build may print before it (when another process just emptied out/).
    const lines = missing.stderr
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('opentine: building'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^tine: .*no-such-folder$/)
  })
})
