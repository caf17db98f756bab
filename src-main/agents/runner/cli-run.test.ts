/**
 * The CLI verbs that drive agents, through the real `tine` bin: `run` saves a checkpointed run
 * and prints it, `resume` continues a run through the agent it recorded (and refuses with the
 * reason when it cannot), `replay --mode rerun` re-executes into a new run served from the record.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startRunner } from './controller'
import { loadRun } from '../../store/run-file'
import { isObject } from '../../../src-shared/tine/json-value'
import { oracle, tine } from '../../testing/cli-harness'
import { REPO_ROOT } from '../../../e2e/kit/paths'

const EXAMPLE_AGENT = path.join(REPO_ROOT, 'resources/agents/example-agent.ts')
const CRASH_AGENT = path.join(REPO_ROOT, 'src-main/agents/runner/testing/crash-agent.ts')

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tine-cli-run-'))
  await mkdir(path.join(dir, 'notes'))
  await writeFile(path.join(dir, 'notes/a.txt'), 'alpha widgets\nsecond line\n')
  await writeFile(path.join(dir, 'notes/b.txt'), 'more widgets\n')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('tine run / resume / replay --mode rerun', () => {
  it('runs the example agent, saves it under .tine_runs, and re-runs it into a new run from the record', async () => {
    const ran = await tine(dir, ['run', EXAMPLE_AGENT], { TINE_AGENT_FOLDER: 'notes' })
    expect(ran.stderr).toBe('')
    expect(ran.code).toBe(0)
    const saved = /^Saved: (\.tine_runs\/([0-9a-f]{64})\.tine)$/m.exec(ran.stdout)
    expect(saved, ran.stdout).not.toBeNull()
    const file = path.join(dir, saved![1])
    const run = await loadRun(file)
    expect(run.status).toBe('completed')
    expect(run.id).toBe(saved![2])
    expect(run.draft).toBe(false)
    expect(existsSync(file + '.journal')).toBe(false)
    expect(ran.stdout).toContain(`# ${run.id.slice(0, 12)} model=offline-scripted-1 steps=${run.stepCount} `)
    expect(run.steps.map((step) => step.kind)).toContain('tool')
    expect(isObject(run.metadata.agent) && run.metadata.agent.script).toBe(EXAMPLE_AGENT)
    expect((await oracle(file)).code).toBe(0)

    const refused = await tine(dir, ['resume', run.id.slice(0, 10)])
    expect(refused.code).toBe(1)
    expect(refused.stderr.trim()).toBe(
      `tine: run ${run.id.slice(0, 12)} is already completed; pass --prompt to continue it with a new user turn`
    )

    const before = await readFile(file)
    const rerun = await tine(dir, ['replay', run.id.slice(0, 10), '--mode', 'rerun', '--json'], {
      TINE_AGENT_FOLDER: 'notes'
    })
    expect(rerun.code, rerun.stderr).toBe(0)
    const report = JSON.parse(rerun.stdout)
    expect(report).toMatchObject({ command: 'replay', mode: 'rerun', source_run: run.id, status: 'completed' })
    expect(report.run_id).not.toBe(run.id)
    expect(report.served_from_record).toBeGreaterThan(0)
    const copy = await loadRun(path.join(dir, report.path))
    expect(copy.metadata.replay).toMatchObject({ mode: 'rerun', source_run: run.id })
    expect(copy.userPrompt).toBe(run.userPrompt)
    // The source is never modified.
    expect(Buffer.compare(await readFile(file), before)).toBe(0)
    expect((await oracle(path.join(dir, report.path))).code).toBe(0)
  }, 60_000)

  it('resumes a crashed run parked for review only with a decision, through its recorded agent', async () => {
    const file = path.join(dir, 'parked.tine')
    const env = { ...process.env, TINE_TEST_EFFECTS_DIR: dir, TINE_TEST_HANG: 'notify:1:after' }
    const handle = startRunner({ mode: 'run', agentScript: CRASH_AGENT, file }, { env })
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (existsSync(path.join(dir, 'hanging'))) {
          clearInterval(timer)
          handle.kill()
          resolve()
        }
      }, 5)
    })
    await handle.done.catch(() => undefined)
    const cliEnv = { TINE_TEST_EFFECTS_DIR: dir, TINE_TEST_HANG: '' }

    // The first resume parks the run: notify has side effects and no idempotency key.
    // The runner was started directly, not by `tine run`: this machine's registry does not know it.
    const unknown = await tine(dir, ['resume', file], cliEnv)
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('pass --agent SCRIPT')
    const first = await tine(dir, ['resume', file, '--agent', CRASH_AGENT], cliEnv)
    expect(first.code, first.stderr).toBe(0)
    expect(first.stderr).toContain('is parked for review')
    expect((await loadRun(file)).status).toBe('paused')

    const refused = await tine(dir, ['resume', file, '--agent', CRASH_AGENT], cliEnv)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(
      /^tine: refusing to resume [0-9a-f]{12}: it needs review \(tool notify has side effects and no idempotency key.*\); pass --review rerun\|skip or --result JSON\n$/
    )

    const done = await tine(
      dir,
      ['resume', file, '--agent', CRASH_AGENT, '--result', '"sent by hand"', '--json'],
      cliEnv
    )
    expect(done.code, done.stderr).toBe(0)
    expect(JSON.parse(done.stdout)).toMatchObject({ command: 'resume', status: 'completed', previous_status: 'paused' })
    const run = await loadRun(file)
    expect(run.steps.find((step) => step.kind === 'tool' && step.inputs.name === 'notify')?.outputs.result).toBe(
      'sent by hand'
    )
    expect(
      (await readFile(path.join(dir, 'notify.log'), 'utf8')).split('\n').filter((line) => line === 'notify-1')
    ).toHaveLength(1)
    expect((await oracle(file)).code).toBe(0)
  }, 60_000)
})
