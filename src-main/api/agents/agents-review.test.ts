/**
 * agents.review resolves a run parked as "needs review", and the run manager's event throttle.
 * The review test uses a real runner and the counting fake provider; the throttle test drives the
 * manager with a scripted stand-in for the child process (what is tested is the manager itself).
 */
import { describe, expect, it } from 'vitest'
import type { ActiveRunView, AgentStartedView } from '../../../src-shared/api/agent-types'
import { isObject, obj, toPlain } from '../../../src-shared/tine/json-value'
import { NEEDS_REVIEW_KEY } from '../../../src-shared/agents/types'
import { RunManager } from '../../agents/runner/run-manager'
import type { RunnerHandle, RunnerLaunch } from '../../agents/runner/controller'
import type { RunnerOptions, RunnerOutcome } from '../../agents/runner/protocol'
import { loadRun, saveRun } from '../../store/run-file'
import { FAKE_MODEL, LIST_TURN, openAgentWorld, oracleVerdict, fakeProviderStarter } from '../../testing/agents-support'
import { errorCode } from '../../testing/support'

const startProvider = fakeProviderStarter()

describe('agents.review', () => {
  it('records the result the user gives for a parked tool call, then the run continues to completion', async () => {
    const provider = await startProvider([LIST_TURN, LIST_TURN, { text: 'Done after review.' }])
    const world = await openAgentWorld('tine-agent-review-', { provider })
    try {
      provider.hold(1)
      const started = await world.call<AgentStartedView>('agents.start', {
        folder: world.folder,
        provider: 'openai',
        model: FAKE_MODEL,
        systemPrompt: '',
        prompt: 'List twice.',
        tools: ['list_files']
      })
      await provider.received(2)
      const pausing = world.call<ActiveRunView>('agents.control', { file: started.file, action: 'pause' })
      await world.agentEvent(started.file, (run) => run.state === 'pausing')
      provider.release(1)
      expect((await pausing).state).toBe('paused')

      // Park the unanswered call as a side-effect call of unknown outcome, as a crash inside it would.
      const parked = await loadRun(started.file)
      const lastTurn = parked.transcript[parked.transcript.length - 1]
      expect(isObject(lastTurn) && lastTurn.role).toBe('assistant')
      const call = (lastTurn as any).tool_calls[0]
      expect(await errorCode(world.service.dispatch('agents.review', { file: started.file, action: 'skip' }))).toBe(
        'bad-request'
      )
      parked.metadata[NEEDS_REVIEW_KEY] = obj({ call, reason: 'the tool may or may not have run' })
      await saveRun(parked, started.file)

      expect(await errorCode(world.service.dispatch('agents.control', { file: started.file, action: 'resume' }))).toBe(
        'needs-review'
      )
      const reviewed = await world.call<AgentStartedView>('agents.review', {
        file: started.file,
        action: 'result',
        result: 'notes.txt, todo.md (checked by hand)'
      })
      expect(reviewed.file).toBe(started.file)
      await world.agentEvent(started.file, (run) => run.state === 'completed')

      const run = await loadRun(started.file)
      expect(run.status).toBe('completed')
      expect(run.metadata[NEEDS_REVIEW_KEY]).toBeUndefined()
      const recorded = run.order.map((id) => run.getStep(id)!).filter((step) => step.kind === 'tool')
      expect(JSON.stringify(recorded.map((step) => toPlain(step.outputs)))).toContain('checked by hand')
      expect(provider.requests.length).toBe(3)
      expect(oracleVerdict(started.file).ok).toBe(true)
    } finally {
      await world.service.close()
    }
  })
})

/** A stand-in runner: the test sends its messages; `exit` ends it. */
function scriptedRunner() {
  const launched: Array<{
    options: RunnerOptions
    launch: RunnerLaunch
    exit(outcome: RunnerOutcome): void
    commands: string[]
  }> = []
  const start = (options: RunnerOptions, launch: RunnerLaunch): RunnerHandle => {
    const commands: string[] = []
    let finish!: (outcome: RunnerOutcome) => void
    const done = new Promise<RunnerOutcome>((resolve) => (finish = resolve))
    launched.push({ options, launch, commands, exit: (outcome) => finish(outcome) })
    return {
      pid: 424242,
      done,
      pause: () => commands.push('pause'),
      cancel: () => commands.push('cancel'),
      kill: () => commands.push('kill')
    }
  }
  return { start, launched }
}

describe('RunManager events', () => {
  it('throttles step events to about 20 a second and sends state changes at once, without keys', async () => {
    const emitted: ActiveRunView[] = []
    const runner = scriptedRunner()
    const manager = new RunManager({
      emit: (view) => emitted.push(view),
      log: () => undefined,
      startRunner: runner.start,
      apiKeys: async () => ({ openai: 'sk-secret-in-manager' })
    })
    const file = '/tmp/throttle/.tine_runs/abc.tine'
    const starting = manager.launch({
      mode: 'run',
      runsDir: '/tmp/throttle/.tine_runs',
      agentSpec: { provider: 'openai', model: 'm' },
      prompt: 'p'
    })
    await new Promise((resolve) => setTimeout(resolve, 0))
    const child = runner.launched[0]
    expect(child.options.apiKeys).toEqual({ openai: 'sk-secret-in-manager' })
    child.launch.onMessage!({ type: 'status', runId: 'abc', file, status: 'running' })
    expect((await starting).state).toBe('running')

    const step = {
      id: 's',
      parentIds: [],
      kind: 'tool',
      label: 'x',
      model: '',
      cost: 0,
      duration: 0,
      timestamp: 0,
      isError: false,
      index: 0
    }
    const began = Date.now()
    for (let i = 1; i <= 500; i++)
      child.launch.onMessage!({ type: 'step', runId: 'abc', file, step: { ...step, index: i - 1 }, stepCount: i })
    await new Promise((resolve) => setTimeout(resolve, 120))
    const stepEvents = emitted.filter((view) => view.state === 'running' && view.stepCount > 0)
    // 500 steps in a burst: one event at once, then at most one per 50 ms.
    expect(stepEvents.length).toBeLessThanOrEqual(2 + Math.ceil((Date.now() - began) / 50))
    expect(stepEvents[stepEvents.length - 1].stepCount).toBe(500)

    child.launch.onMessage!({ type: 'finished', runId: 'abc', file, status: 'completed', stepCount: 500 })
    expect(emitted[emitted.length - 1]).toMatchObject({ state: 'completed', stepCount: 500, activity: null })
    child.exit({ runId: 'abc', file, status: 'completed', stepCount: 500 })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(manager.active()).toEqual([])
    expect(JSON.stringify(emitted)).not.toContain('sk-secret-in-manager')
    await manager.close()
  })

  it('a pause asked before the child is ready is sent once the run exists', async () => {
    const runner = scriptedRunner()
    const manager = new RunManager({
      emit: () => undefined,
      log: () => undefined,
      startRunner: runner.start,
      apiKeys: async () => ({})
    })
    const file = '/tmp/early/.tine_runs/run.tine'
    const launched = manager.launch({ mode: 'continue', file, agentSpec: { provider: 'offline', model: 'offline' } })
    await new Promise((resolve) => setTimeout(resolve, 0))
    const child = runner.launched[0]
    const pausing = manager.pause(file)
    expect(child.commands).toEqual([])
    child.launch.onMessage!({ type: 'status', runId: 'r', file, status: 'running' })
    await launched
    expect(child.commands).toEqual(['pause'])
    child.launch.onMessage!({ type: 'paused', runId: 'r', file, status: 'paused', stepCount: 1 })
    child.exit({ runId: 'r', file, status: 'paused', stepCount: 1 })
    expect((await pausing).state).toBe('paused')
    expect(manager.isExecuting(file)).toBe(false)
    expect(manager.active().map((view) => view.state)).toEqual(['paused'])
    await manager.close()
  })
})
