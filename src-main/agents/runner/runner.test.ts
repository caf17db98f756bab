/**
 * The runner process and its controller, for real: steps stream in as they land, pause stops at
 * a step boundary, cancel aborts a hung tool, a runner whose parent dies settles its file and
 * exits, and a broken script is one clear error.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startRunner } from './controller'
import type { ChildMessage } from './protocol'
import { journalPathFor } from '../../store/journal'
import { loadRun } from '../../store/run-file'
import { REPO_ROOT } from '../../../e2e/kit/paths'
import { PLAN } from './testing/crash-agent'

const CRASH_AGENT = path.join(REPO_ROOT, 'src-main/agents/runner/testing/crash-agent.ts')
const TOTAL_STEPS = PLAN.length + 1 + PLAN.flat().length

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tine-runner-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TINE_TEST_EFFECTS_DIR: dir,
    TINE_TEST_MODEL_DELAY_MS: '10',
    TINE_TEST_TOOL_DELAY_MS: '2',
    TINE_TEST_HANG: '',
    ...extra
  }
}

function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const timer = setInterval(() => {
      if (check()) {
        clearInterval(timer)
        resolve()
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer)
        reject(new Error('timed out'))
      }
    }, 5)
  })
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('runner process', () => {
  it('streams each step, pauses at a step boundary, and continues to completion', async () => {
    const file = path.join(dir, 'paused.tine')
    const messages: ChildMessage[] = []
    const handle = startRunner(
      { mode: 'run', agentScript: CRASH_AGENT, file },
      {
        env: env(),
        onMessage: (message) => {
          messages.push(message)
          if (message.type === 'step' && message.stepCount === 3) handle.pause()
        }
      }
    )
    const outcome = await handle.done
    expect(outcome.status).toBe('paused')
    const steps = messages.filter((message) => message.type === 'step')
    expect(steps.length).toBeGreaterThanOrEqual(3)
    expect(steps.length).toBeLessThan(TOTAL_STEPS)
    expect(messages[0].type).toBe('status')
    expect(messages.at(-1)?.type).toBe('paused')

    const paused = await loadRun(file)
    expect(paused.status).toBe('paused')
    expect(paused.draft).toBe(false)
    expect(existsSync(journalPathFor(file))).toBe(false)
    expect(paused.order).toEqual(steps.map((message) => (message.type === 'step' ? message.step.id : '')))

    const resumed = await startRunner({ mode: 'continue', agentScript: CRASH_AGENT, file }, { env: env() }).done
    expect(resumed.status).toBe('completed')
    expect(resumed.stepCount).toBe(TOTAL_STEPS)
    const final = await loadRun(file)
    expect(final.order.slice(0, paused.stepCount)).toEqual(paused.order)
    expect(final.provenance.integrity?.ok).toBe(true)
  })

  it('cancels a hung tool at once and keeps the completed steps', async () => {
    const file = path.join(dir, 'cancelled.tine')
    const handle = startRunner(
      { mode: 'run', agentScript: CRASH_AGENT, file },
      { env: env({ TINE_TEST_HANG: 'read_note:2' }) }
    )
    await waitFor(() => existsSync(path.join(dir, 'hanging')))
    const started = Date.now()
    handle.cancel()
    const outcome = await handle.done
    expect(Date.now() - started).toBeLessThan(5000)
    expect(outcome).toMatchObject({ status: 'paused', cancelled: true })
    const run = await loadRun(file)
    expect(run.metadata.cancelled).toBe(true)
    expect(run.steps.some((step) => step.kind === 'tool' && step.inputs.name === 'charge')).toBe(true)
  })

  it('settles its file and exits when its parent process dies', async () => {
    const file = path.join(dir, 'orphan.tine')
    const parent = path.join(dir, 'parent.mts')
    await writeFile(
      parent,
      `import { startRunner } from ${JSON.stringify(path.join(REPO_ROOT, 'src-main/agents/runner/controller.ts'))}
const handle = startRunner({ mode: 'run', agentScript: ${JSON.stringify(CRASH_AGENT)}, file: ${JSON.stringify(file)} }, {
  onMessage: (message) => { if (message.type === 'status') console.log('pid ' + handle.pid) }
})
setInterval(() => {}, 1000)
`
    )
    const child = spawn(process.execPath, ['--import', 'tsx', parent], {
      cwd: REPO_ROOT,
      env: env({ TINE_TEST_HANG: 'notify:3:before' }),
      stdio: ['ignore', 'pipe', 'inherit']
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    await waitFor(() => /pid \d+/.test(output) && existsSync(path.join(dir, 'hanging')))
    const runnerPid = Number(/pid (\d+)/.exec(output)![1])
    expect(alive(runnerPid)).toBe(true)
    child.kill('SIGKILL')
    await waitFor(() => !alive(runnerPid), 10_000)
    const run = await loadRun(file)
    expect(run.status).toBe('paused')
    expect(run.metadata.cancelled).toBe(true)
    expect(existsSync(journalPathFor(file))).toBe(false)
  })

  it('reports a script that exports no agent as one line', async () => {
    const script = path.join(dir, 'not-an-agent.ts')
    await writeFile(script, 'export default 42\n')
    const handle = startRunner({ mode: 'run', agentScript: script, file: path.join(dir, 'x.tine') }, { env: env() })
    await expect(handle.done).rejects.toThrow(
      /must export an Agent as its default export or as `agent` \(found number\)/
    )
    expect(existsSync(path.join(dir, 'x.tine'))).toBe(false)
    expect(await readFile(script, 'utf8')).toContain('42')
  })
})
