// Start-up and shutdown of the BUILT main process, each scenario in its own Node process with the
// electron stand-in (drive-electron-scenario.mjs): failures reach a dialog and the log, a second
// launch never opens a second window, macOS open-file brings a window back, and quitting mid-run
// leaves no runner process behind.
import { spawn } from 'node:child_process'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURES_DIR } from '../../e2e/kit/paths'
import { ensureBuiltApp, OUT_DIR } from '../testing/built-app'

const DRIVER = fileURLToPath(new URL('../testing/drive-electron-scenario.mjs', import.meta.url))
const GUI_RUNS = path.join(FIXTURES_DIR, 'gui', '.tine_runs')

type Report = Record<string, any>

let work: string

async function runScenario(
  scenario: string,
  extraEnv: Record<string, string> = {}
): Promise<{ report: Report; code: number | null }> {
  const dir = await fs.mkdtemp(path.join(work, `${scenario}-`))
  const folder = path.join(dir, 'runs')
  await fs.mkdir(folder)
  await fs.copyFile(path.join(GUI_RUNS, 'demo-complete.tine'), path.join(folder, 'demo-complete.tine'))
  const home = path.join(dir, 'home')
  const child = spawn(process.execPath, [DRIVER, OUT_DIR, scenario, folder], {
    cwd: dir,
    env: { ...process.env, TINE_HOME: home, TINE_STANDIN_USERDATA: home, NO_COLOR: '1', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  clearTimeout(killer)
  const line = stdout.split('\n').find((l) => l.startsWith('REPORT '))
  if (!line) throw new Error(`${scenario}: no report (exit ${code}):\n${stderr}\n${stdout}`)
  return { report: { ...JSON.parse(line.slice('REPORT '.length)), home }, code }
}

beforeAll(async () => {
  ensureBuiltApp()
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'tine-startup-'))
}, 300_000)

afterAll(async () => {
  if (work) await fs.rm(work, { recursive: true, force: true })
})

describe('built app: start-up and shutdown', () => {
  it('an onReady failure reaches the error dialog and the log, and exits', async () => {
    const { report } = await runScenario('onready-fails', { TINE_STANDIN_FAIL: 'protocol.handle' })
    expect(report.errorDialogs).toHaveLength(1)
    const [title, content] = report.errorDialogs[0]
    expect(title).toBe('opentine could not start')
    expect(content).toContain('stand-in: protocol.handle failed')
    expect(content).toContain(path.join(report.home, 'logs', 'main.log'))
    expect(report.log).toContain('start-up failed: Error: stand-in: protocol.handle failed')
    expect(report.exitCode).toBe(1)
    expect(report.windows).toBe(0)
  }, 90_000)

  it('a second launch during start-up opens no second window', async () => {
    const { report, code } = await runScenario('second-launch')
    expect(report.windowsWhenSecondLaunched).toBe(0)
    expect(report.windows).toBe(1)
    expect(code).toBe(0)
  }, 90_000)

  it('macOS: open-file with no window open opens one; Cmd+W and the standard app menu are there', async () => {
    const { report, code } = await runScenario('open-file-mac')
    expect(report.windowsOpenAfterClose).toBe(0)
    expect(report.quitAfterLastWindow).toBe(0)
    expect(report.openFilePrevented).toBe(true)
    expect(report.windowsOpenAfterOpenFile).toBe(1)
    expect(report.newWindowLoaded).toBe('app://opentine/index.html')
    expect(report.appMenu).toEqual([
      'about',
      'separator',
      'services',
      'separator',
      'hide',
      'hideOthers',
      'unhide',
      'separator',
      'quit'
    ])
    expect(report.fileMenu).toContain('CmdOrCtrl+W')
    expect(report.topMenus).toEqual(['appMenu', 'File', 'editMenu', 'View', 'windowMenu'])
    expect(code).toBe(0)
  }, 90_000)

  it('quitting mid-run leaves no runner process (runners are utility processes, not ELECTRON_RUN_AS_NODE forks)', async () => {
    const { report, code } = await runScenario('quit-mid-run')
    expect(report.started).toBe('ok')
    expect(report.forks).toEqual(['runner-main.js'])
    expect(report.activeBeforeQuit).toEqual(['running'])
    expect(report.runnerAliveBeforeQuit).toBe(true)
    expect(report.runnerAliveAfterQuit).toBe(false)
    expect(code).toBe(0)
  }, 90_000)
})
