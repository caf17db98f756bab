/**
 * Agent runs through the real service: real runner child processes, real files, the offline model
 * or a counting fake provider on 127.0.0.1. Start, live events, pause (through runs.setStatus, the
 * way the inspector pauses any run), resume, cancel, and no orphan process when the service closes.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ActiveRunView, AgentCatalog, AgentStartedView } from '../../../src-shared/api/agent-types'
import type { RunView } from '../../../src-shared/api/types'
import { loadRun } from '../../store/run-file'
import { journalPathFor } from '../../store/journal'
import {
  LIST_TURN,
  FAKE_MODEL,
  openAgentWorld,
  oracleVerdict,
  processAlive,
  fakeProviderStarter,
  waitUntil,
  type FakeProvider
} from '../../testing/agents-support'
import { errorCode } from '../../testing/support'

const startProvider = fakeProviderStarter()

async function fakeProvider(
  turns = [LIST_TURN, LIST_TURN, LIST_TURN, { text: 'Finished listing.' }]
): Promise<FakeProvider> {
  const provider = await startProvider(turns)
  return provider
}

function startRequest(folder: string, provider: string, model: string, tools: string[]) {
  return { folder, provider, model, systemPrompt: 'You are careful.', prompt: 'Look at the folder and report.', tools }
}

describe('agents.start with the offline model', () => {
  it('runs in a child process, pushes live events, and ends completed in a valid file', async () => {
    const world = await openAgentWorld('tine-agent-offline-')
    try {
      const catalog = await world.call<AgentCatalog>('agents.catalog', {})
      expect(catalog.providers.map((provider) => provider.id)).toContain('offline')
      expect(catalog.tools.map((tool) => tool.name).sort()).toEqual(['list_files', 'read_file', 'search_text'])
      expect(catalog.canStoreSecrets).toBe(false)

      const started = await world.call<AgentStartedView>(
        'agents.start',
        startRequest(world.folder, 'offline', 'offline', ['list_files', 'read_file', 'search_text'])
      )
      expect(path.dirname(started.file)).toBe(path.join(world.folder, '.tine_runs'))
      expect(path.basename(started.file)).toBe(`${started.runId}.tine`)
      // The file exists as soon as the start is answered: the renderer can open it at once.
      expect(existsSync(started.file)).toBe(true)

      const done = await world.agentEvent(started.file, (run) => run.state === 'completed')
      const stepEvents = world.events.filter(
        (event) =>
          event.kind === 'agent' &&
          event.run.file === started.file &&
          event.run.state === 'running' &&
          event.run.stepCount > 0
      )
      expect(stepEvents.length).toBeGreaterThan(0)

      const run = await loadRun(started.file)
      expect(run.status).toBe('completed')
      expect(run.stepCount).toBe(done.stepCount)
      expect(run.stepCount).toBeGreaterThanOrEqual(7)
      expect(existsSync(journalPathFor(started.file))).toBe(false)
      const verdict = oracleVerdict(started.file)
      expect(verdict.ok, verdict.text).toBe(true)

      const view = await world.call<RunView>('runs.load', { file: started.file })
      expect(view.steps.length).toBe(run.stepCount)
      // Every step also went out as a live patch, in order, each patch saying the run's length after it.
      const patches = world.events.flatMap((event) =>
        event.kind === 'steps' && event.file === started.file ? [event] : []
      )
      expect(patches.flatMap((patch) => patch.steps.map((step) => step.id))).toEqual(view.steps.map((step) => step.id))
      let length = 0
      for (const patch of patches) {
        length += patch.steps.length
        expect(patch.stepCount).toBe(length)
        expect(patch.runId).toBe(started.runId)
      }
      expect(patches.flatMap((patch) => patch.steps)).toEqual(view.steps)
      await waitUntil(() => world.service.stats().runnerPids.length === 0, 5000, 'the runner to exit')
      expect(await world.call<ActiveRunView[]>('agents.active', {})).toEqual([])
    } finally {
      await world.service.close()
    }
  })

  it('refuses folders the user did not open, for the run and for the tools', async () => {
    const world = await openAgentWorld('tine-agent-refuse-')
    const elsewhere = path.dirname(world.folder)
    try {
      expect(
        await errorCode(world.service.dispatch('agents.start', startRequest(elsewhere, 'offline', 'offline', [])))
      ).toBe('forbidden-path')
      expect(
        await errorCode(
          world.service.dispatch('agents.start', {
            ...startRequest(world.folder, 'offline', 'offline', ['list_files']),
            toolRoot: elsewhere
          })
        )
      ).toBe('forbidden-path')
      expect(
        await errorCode(
          world.service.dispatch(
            'agents.start',
            startRequest(world.folder, 'offline', 'offline', ['delete_everything'])
          )
        )
      ).toBe('bad-request')
      // A provider without a key is refused before any process starts.
      expect(
        await errorCode(world.service.dispatch('agents.start', startRequest(world.folder, 'anthropic', 'claude-x', [])))
      ).toBe('unavailable')
      expect(world.service.stats().runnerPids).toEqual([])
    } finally {
      await world.service.close()
    }
  })
})

describe('pausing, resuming and cancelling a running agent', () => {
  it('runs.setStatus pauses at the next step boundary; resume completes without asking twice', async () => {
    const provider = await fakeProvider()
    const world = await openAgentWorld('tine-agent-pause-', { provider })
    try {
      provider.hold(1)
      const started = await world.call<AgentStartedView>(
        'agents.start',
        startRequest(world.folder, 'openai', FAKE_MODEL, ['list_files'])
      )
      await provider.received(2)
      // The second model call is in flight: the pause must wait for it, then stop.
      const paused = world.service.dispatch('runs.setStatus', {
        file: started.file,
        status: 'paused',
        expected: { mtimeMs: 0, size: 0 }
      })
      await world.agentEvent(started.file, (run) => run.state === 'pausing')
      provider.release(1)
      await paused

      const onDisk = await loadRun(started.file)
      expect(onDisk.status).toBe('paused')
      expect(onDisk.stepCount).toBe(3) // model, tool, model: the tool call of the last model turn is left for the resume
      expect(existsSync(journalPathFor(started.file))).toBe(false)
      expect(oracleVerdict(started.file).ok).toBe(true)
      expect(provider.requests.length).toBe(2)
      await waitUntil(() => world.service.stats().runnerPids.length === 0, 5000, 'the paused runner to exit')
      const active = await world.call<ActiveRunView[]>('agents.active', {})
      expect(active.map((run) => [run.file, run.state])).toEqual([[started.file, 'paused']])

      // Resumed the way the inspector resumes any run: runs.setStatus goes to the agent, which continues it.
      const resumed = await world.call<{ ok: boolean }>('runs.setStatus', {
        file: started.file,
        status: 'running',
        expected: { mtimeMs: 0, size: 0 }
      })
      expect(resumed.ok).toBe(true)
      await world.agentEvent(started.file, (run) => run.state === 'completed')
      const finished = await loadRun(started.file)
      expect(finished.status).toBe('completed')
      expect(finished.stepCount).toBe(7)
      // The resume continued the conversation; it did not ask the first question again.
      expect(finished.transcript.filter((turn) => (turn as { role?: string }).role === 'user').length).toBe(1)
      expect(oracleVerdict(started.file).ok).toBe(true)
      // Four model turns in the plan, four requests: nothing was asked twice across the pause.
      expect(provider.requests.length).toBe(4)
    } finally {
      await world.service.close()
    }
  })

  it('an open run shows every journaled step; cancel stops at once and keeps them; the child is gone', async () => {
    const provider = await fakeProvider()
    const world = await openAgentWorld('tine-agent-cancel-', { provider })
    try {
      provider.hold(3) // never released: the provider hangs on the fourth model call
      const started = await world.call<AgentStartedView>(
        'agents.start',
        startRequest(world.folder, 'openai', FAKE_MODEL, ['list_files'])
      )
      await provider.received(4)
      await world.agentEvent(started.file, (run) => run.stepCount >= 6)
      const [pid] = world.service.stats().runnerPids
      expect(pid).toBeGreaterThan(0)

      // Six steps completed; the file was last folded at four, the journal beside it holds the rest.
      expect(existsSync(journalPathFor(started.file))).toBe(true)
      expect((await loadRun(started.file)).stepCount).toBe(4)
      const live = await world.call<RunView>('runs.load', { file: started.file })
      expect(live.steps.length).toBe(6)

      const before = Date.now()
      const cancelled = await world.call<ActiveRunView>('agents.control', { file: started.file, action: 'cancel' })
      expect(Date.now() - before).toBeLessThan(2500)
      expect(cancelled.state).toBe('cancelled')
      expect(processAlive(pid)).toBe(false)

      const run = await loadRun(started.file)
      expect(run.status).toBe('paused')
      expect(run.metadata.cancelled).toBe(true)
      expect(run.stepCount).toBe(6)
      expect(existsSync(journalPathFor(started.file))).toBe(false)
      expect(oracleVerdict(started.file).ok).toBe(true)
      expect(await world.call<ActiveRunView[]>('agents.active', {})).toEqual([])
      const reloaded = await world.call<RunView>('runs.load', { file: started.file })
      expect(reloaded.status).toBe('paused')
    } finally {
      await world.service.close()
    }
  })

  it('closing the service (window closed, server stopped) leaves no runner process behind', async () => {
    const provider = await fakeProvider()
    const world = await openAgentWorld('tine-agent-close-', { provider })
    provider.hold(1)
    const started = await world.call<AgentStartedView>(
      'agents.start',
      startRequest(world.folder, 'openai', FAKE_MODEL, ['list_files'])
    )
    await provider.received(2)
    const [pid] = world.service.stats().runnerPids
    expect(processAlive(pid)).toBe(true)

    await world.service.close()
    expect(processAlive(pid)).toBe(false)
    // The run was settled on the way out: valid, with every completed step.
    const run = await loadRun(started.file)
    expect(run.stepCount).toBe(2)
    expect(run.status).toBe('paused')
    expect(oracleVerdict(started.file).ok).toBe(true)
    expect(readFileSync(started.file, 'utf8')).toContain('"cancelled": true')
  })
})
