/**
 * runs.setStatus through the real service: pause and resume write the new status with a valid
 * digest; a change made by another writer since the run was loaded is reported, not overwritten;
 * writing anyway keeps that writer's steps; a run an agent executes is paused through its runner.
 */
import { cpSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { WriteResultView } from '../../../src-shared/api/action-types'
import { obj } from '../../../src-shared/tine/json-value'
import type { StartRunner } from '../../agents/runner/run-manager'
import type { RunnerOutcome } from '../../agents/runner/protocol'
import { loadRun, saveRun } from '../../store/run-file'
import { FIXTURES_DIR } from '../../../e2e/kit/paths'
import {
  loadView,
  openExamples,
  oracleVerdict,
  rawRun,
  recordEvents,
  type OpenedExamples
} from '../../testing/actions-support'
import { errorCode, tempFolder } from '../../testing/support'
import { writeTampered } from '../../../e2e/kit/run-files'

let opened: OpenedExamples

beforeAll(async () => {
  opened = await openExamples('tine-status-', async (runsDir) => {
    await writeTampered(path.join(runsDir, 'release-failed.tine'), path.join(runsDir, 'tampered.tine'))
    cpSync(path.join(FIXTURES_DIR, 'golden', 'golden_v0_linear.tine'), path.join(runsDir, 'legacy.tine'))
    cpSync(path.join(FIXTURES_DIR, 'golden', 'golden_v1.tine'), path.join(runsDir, 'v1.tine'))
  })
})

afterAll(() => opened.service.close())

function setStatus(request: Record<string, unknown>): Promise<WriteResultView> {
  return opened.service.dispatch('runs.setStatus', request) as Promise<WriteResultView>
}

function runFile(name: string): string {
  return path.join(opened.runsDir, name)
}

describe('pause and resume', () => {
  test('pause, then resume: the file shows each status with a valid digest', async () => {
    const file = runFile('incident-merge.tine')
    const view = await loadView(opened.service, file)
    expect(view.status).not.toBe('paused')
    const steps = rawRun(file).graph.order

    const paused = await setStatus({ file, status: 'paused', expected: { mtimeMs: view.mtimeMs, size: view.size } })
    expect(paused).toMatchObject({ ok: true, status: 'paused' })
    expect(rawRun(file).status).toBe('paused')
    expect(rawRun(file).graph.order).toEqual(steps)
    expect(oracleVerdict(file)).toMatchObject({ ok: true })

    if (!paused.ok) throw new Error('not written')
    const resumed = await setStatus({
      file,
      status: 'running',
      expected: { mtimeMs: paused.mtimeMs, size: paused.size }
    })
    expect(resumed).toMatchObject({ ok: true, status: 'running' })
    expect(rawRun(file).status).toBe('running')
    expect(oracleVerdict(file)).toMatchObject({ ok: true })
  })

  test('another writer appends a step after the load: a conflict naming that step, and the file untouched', async () => {
    const file = runFile('refactor-paused.tine')
    const view = await loadView(opened.service, file)
    expect(view.status).toBe('paused')

    // The other writer: loads the run, appends a step, saves (what an agent process does).
    const recorder = recordEvents(opened.service)
    const other = await loadRun(file)
    const added = other.addStep({
      kind: 'tool',
      inputs: obj({ name: 'run_tests', arguments: obj({}) }),
      outputs: obj({ result: 'ok' }),
      toolInfo: obj({ name: 'run_tests' })
    })
    await saveRun(other, file)
    const afterOther = readFileSync(file)
    // The folder list has re-read the file meanwhile; the version the renderer loaded is still known.
    await recorder.waitFor(
      (event) => event.kind === 'change' && event.file === file && event.run.steps === other.stepCount
    )
    recorder.stop()

    const answer = await setStatus({ file, status: 'running', expected: { mtimeMs: view.mtimeMs, size: view.size } })
    expect(answer.ok).toBe(false)
    if (answer.ok) throw new Error('written over a concurrent change')
    expect(answer.conflict.changed).toBe(true)
    expect(answer.conflict.addedSteps).toEqual([added.id])
    expect(answer.conflict.summary).toContain(added.id.slice(0, 12))
    expect(readFileSync(file).equals(afterOther)).toBe(true)

    // Writing anyway writes the disk version with only the status changed: the added step survives.
    const forced = await setStatus({
      file,
      status: 'running',
      expected: { mtimeMs: view.mtimeMs, size: view.size },
      overwriteChanges: true
    })
    expect(forced).toMatchObject({ ok: true, status: 'running' })
    const written = rawRun(file)
    expect(written.status).toBe('running')
    expect(written.graph.order).toContain(added.id)
    expect(written.graph.order).toEqual(other.order)
    expect(oracleVerdict(file)).toMatchObject({ ok: true })
  })

  test('a v1 file is paused and saved in the current format', async () => {
    const file = runFile('v1.tine')
    const view = await loadView(opened.service, file)
    const answer = await setStatus({ file, status: 'paused', expected: { mtimeMs: view.mtimeMs, size: view.size } })
    expect(answer).toMatchObject({ ok: true, status: 'paused' })
    expect(rawRun(file)).toMatchObject({ format_version: 2, status: 'paused' })
    expect(oracleVerdict(file)).toMatchObject({ ok: true })
  })

  test('a tampered file and a legacy file are refused read-only, and stay as they were', async () => {
    for (const name of ['tampered.tine', 'legacy.tine']) {
      const file = runFile(name)
      const before = readFileSync(file)
      const view = await loadView(opened.service, file)
      expect(
        await errorCode(
          setStatus({
            file,
            status: 'paused',
            expected: { mtimeMs: view.mtimeMs, size: view.size },
            overwriteChanges: true
          })
        )
      ).toBe('read-only')
      expect(readFileSync(file).equals(before)).toBe(true)
    }
  })
})

/**
 * A runner stand-in that reports it executes `file` and answers pause and cancel the way the real
 * runner does, recording each call: the manager and runs.setStatus are the real ones.
 */
function standInRunner(file: string, calls: string[]): StartRunner {
  return (options, launch) => {
    calls.push(options.mode)
    let settle!: (outcome: RunnerOutcome) => void
    const done = new Promise<RunnerOutcome>((resolve) => (settle = resolve))
    const outcome = (status: string, cancelled = false): RunnerOutcome => ({
      runId: 'stand-in',
      file,
      status,
      stepCount: 3,
      cancelled
    })
    setImmediate(() => launch.onMessage?.({ type: 'status', runId: 'stand-in', file, status: 'running' }))
    return {
      pid: undefined,
      done,
      pause() {
        calls.push('pause')
        setImmediate(() => {
          launch.onMessage?.({ type: 'paused', ...outcome('paused') })
          settle(outcome('paused'))
        })
      },
      cancel() {
        calls.push('cancel')
        setImmediate(() => settle(outcome('paused', true)))
      },
      kill() {}
    }
  }
}

describe('a run an agent is executing', () => {
  test('is paused and resumed through its runner, not by writing its file', async () => {
    const calls: string[] = []
    let file = ''
    const agentWorld = await openExamples(
      'tine-status-agent-',
      async (runsDir) => {
        file = path.join(runsDir, 'research-agent.tine')
      },
      {
        startRunner: (options, launch) => standInRunner(file, calls)(options, launch),
        dataDir: tempFolder('tine-home-')
      }
    )
    try {
      const before = readFileSync(file)
      await agentWorld.service.dispatch('agents.start', {
        folder: agentWorld.folder,
        provider: 'offline',
        model: 'offline-scripted-1',
        systemPrompt: '',
        prompt: 'stand in',
        tools: []
      })
      const stale = { mtimeMs: 1, size: 1 }
      const dispatchStatus = (status: string) =>
        agentWorld.service.dispatch('runs.setStatus', { file, status, expected: stale }) as Promise<WriteResultView>
      expect(await dispatchStatus('paused')).toMatchObject({ ok: true, status: 'paused', size: before.length })
      expect(await dispatchStatus('running')).toMatchObject({ ok: true, status: 'running' })
      expect(calls).toEqual(['run', 'pause', 'continue'])
      expect(readFileSync(file).equals(before)).toBe(true)

      await agentWorld.service.dispatch('agents.control', { file, action: 'cancel' })
      // Once the manager forgot the run, the same stale request is a conflict again, not a runner call.
      const answer = await dispatchStatus('paused')
      expect(answer.ok).toBe(false)
      expect(calls).toEqual(['run', 'pause', 'continue', 'cancel'])
    } finally {
      await agentWorld.service.close()
    }
  })
})
