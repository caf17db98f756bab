import { afterAll, describe, expect, it } from 'vitest'
import { Agent } from './agent'
import { AgentError } from './errors'
import { BudgetExceededError } from './loop'
import type { ModelProvider, Tool } from './types'
import { toPlain, type JsonObject } from '../tine/json-value'
import { oracleVerdict, tempDir } from '../../e2e/kit/agent-disk'
import { CountingProvider, RecordingCheckpoint, call, kinds, steppingClock } from './testing/fakes'

const work = tempDir('agent-control-')
afterAll(() => work.cleanup())

const echo: Tool = {
  name: 'echo',
  description: 'returns its arguments',
  parameters: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'], additionalProperties: false },
  sideEffects: false,
  run: async (args) => args
}

/** Calls echo on every turn until `turns`, then answers. */
function echoingProvider(turns: number, cost?: number): CountingProvider {
  return new CountingProvider((_request, turn) =>
    turn < turns ? { toolCalls: [call('echo', { n: turn }, `c${turn}`)], cost } : { text: 'all done', cost }
  )
}

function errorOf(run: { steps: Array<{ kind: string; error: JsonObject }> }): Record<string, unknown> {
  return toPlain(run.steps[run.steps.length - 1].error) as Record<string, unknown>
}

describe('budgets stop the run with an error step', () => {
  it('cost: stops once the recorded cost exceeds max_cost', async () => {
    const provider = echoingProvider(10, 0.004)
    const checkpoint = new RecordingCheckpoint()
    const run = await new Agent({
      model: provider,
      tools: [echo],
      budget: { maxCost: 0.01 },
      checkpoint,
      now: steppingClock()
    }).run('spend')
    expect(kinds(run)).toEqual(['model', 'tool', 'model', 'tool', 'model', 'error'])
    expect(provider.calls).toBe(3)
    expect(errorOf(run)).toMatchObject({ type: 'BudgetExceeded' })
    expect(run.status).toBe('failed')
    const state = toPlain(run.metadata.budget_state as JsonObject) as Record<string, number>
    expect(state).toMatchObject({ breached: true, dimension: 'cost', limit: 0.01, steps: 5 })
    expect(state.incurred).toBeCloseTo(0.012, 12)
    expect(toPlain(run.manifest.budget as JsonObject)).toEqual({ max_cost: 0.01, on_breach: 'stop' })
    expect(checkpoint.events[checkpoint.events.length - 1]).toBe('settle:failed')
    const verdict = oracleVerdict(run, work.dir)
    expect(verdict.status, verdict.output).toBe(0)
  })

  it('steps: no step beyond max_steps except the error step', async () => {
    const provider = echoingProvider(10)
    const run = await new Agent({ model: provider, tools: [echo], budget: { maxSteps: 4 }, now: steppingClock() }).run(
      'count'
    )
    expect(kinds(run)).toEqual(['model', 'tool', 'model', 'tool', 'error'])
    expect(errorOf(run).message).toBe('Max steps reached: 4 of 4')
    expect(provider.calls).toBe(2)
    expect(toPlain(run.manifest.budget as JsonObject)).toEqual({ max_steps: 4, on_breach: 'stop' })
  })

  it('duration: measured on the injected clock', async () => {
    const provider = echoingProvider(50)
    const run = await new Agent({
      model: provider,
      tools: [echo],
      budget: { maxDuration: 5 },
      now: steppingClock(1000, 1)
    }).run('slow')
    expect(run.status).toBe('failed')
    expect(errorOf(run).type).toBe('BudgetExceeded')
    const state = toPlain(run.metadata.budget_state as JsonObject) as Record<string, number>
    expect(state.dimension).toBe('duration')
    expect(state.duration).toBeGreaterThan(5)
    expect(provider.calls).toBeLessThan(50)
  })

  it('duration: a hanging provider is aborted when the budget runs out', async () => {
    let aborted = false
    const hanging: ModelProvider = {
      provider: 'fake',
      model: 'hang',
      complete: (_request, { signal }) => {
        signal.addEventListener('abort', () => (aborted = true))
        return new Promise(() => undefined)
      }
    }
    const started = Date.now()
    const run = await new Agent({ model: hanging, budget: { maxDuration: 0.15 } }).run('wait')
    expect(Date.now() - started).toBeLessThan(2000)
    expect(aborted).toBe(true)
    expect(kinds(run)).toEqual(['error'])
    expect(errorOf(run).type).toBe('BudgetExceeded')
    expect(run.status).toBe('failed')
  })

  it('on_breach "raise": saves the failed run, then throws with it', async () => {
    const checkpoint = new RecordingCheckpoint()
    const agent = new Agent({
      model: echoingProvider(10),
      tools: [echo],
      budget: { maxSteps: 2, onBreach: 'raise' },
      checkpoint,
      now: steppingClock()
    })
    const failure = await agent.run('raise').then(
      () => null,
      (error: unknown) => error
    )
    expect(failure).toBeInstanceOf(BudgetExceededError)
    const run = (failure as BudgetExceededError).run
    expect(kinds(run)).toEqual(['model', 'tool', 'error'])
    expect(run.status).toBe('failed')
    expect(checkpoint.events[checkpoint.events.length - 1]).toBe('settle:failed')
  })
})

describe('pause and cancel', () => {
  it('requestPause stops at the next step boundary; continueRun finishes the same conversation', async () => {
    const provider = echoingProvider(3)
    const checkpoint = new RecordingCheckpoint()
    const agent: Agent = new Agent({
      model: provider,
      tools: [echo],
      checkpoint,
      now: steppingClock(),
      onStep: (run) => {
        if (run.stepCount === 3) agent.requestPause()
      }
    })
    const run = await agent.run('pause me')
    expect(run.status).toBe('paused')
    expect(kinds(run)).toEqual(['model', 'tool', 'model'])
    expect(checkpoint.events.slice(-1)).toEqual(['settle:paused'])

    const resumed = await new Agent({ model: provider, tools: [echo], checkpoint, now: steppingClock() }).continueRun(
      run
    )
    expect(resumed).toBe(run)
    expect(run.status).toBe('completed')
    expect(kinds(run)).toEqual(['model', 'tool', 'model', 'tool', 'model', 'tool', 'done'])
    expect(provider.calls).toBe(4)

    const straight = await new Agent({ model: echoingProvider(3), tools: [echo], now: steppingClock() }).run('pause me')
    expect(run.order).toEqual(straight.order)
  })

  it('cancel aborts a hanging provider at once and keeps the completed steps', async () => {
    let signalSeen: AbortSignal | undefined
    const provider: ModelProvider = {
      provider: 'fake',
      model: 'hang-second',
      complete: async (request, { signal }) => {
        if (request.messages.length === 1)
          return { text: '', toolCalls: [call('echo', { n: 1 }, 'c1')], usage: { input: 1, output: 1 } }
        signalSeen = signal
        return new Promise(() => undefined) // ignores the signal on purpose
      }
    }
    const checkpoint = new RecordingCheckpoint()
    const agent: Agent = new Agent({
      model: provider,
      tools: [echo],
      checkpoint,
      onStep: (_run, step) => {
        if (step.kind === 'tool') setTimeout(() => agent.cancel(), 20)
      }
    })
    const started = Date.now()
    const run = await agent.run('hang')
    expect(Date.now() - started).toBeLessThan(1000)
    expect(signalSeen?.aborted).toBe(true)
    expect(run.status).toBe('paused')
    expect(run.metadata.cancelled).toBe(true)
    expect(kinds(run)).toEqual(['model', 'tool'])
    expect(checkpoint.events.slice(-1)).toEqual(['settle:paused'])
    expect(agent.isRunning).toBe(false)
  })

  it('cancel inside a side-effect tool leaves the call pending, so resume treats it as crash point 3', async () => {
    const fire: Tool = {
      name: 'fire',
      description: 'side effect that hangs',
      parameters: { type: 'object' },
      sideEffects: true,
      run: () => {
        setTimeout(() => agent.cancel(), 10)
        return new Promise(() => undefined)
      }
    }
    const checkpoint = new RecordingCheckpoint()
    const agent: Agent = new Agent({
      model: new CountingProvider(() => ({ toolCalls: [call('fire', {}, 'f1')] })),
      tools: [fire],
      checkpoint,
      now: steppingClock()
    })
    const run = await agent.run('fire')
    expect(run.status).toBe('paused')
    expect(toPlain(run.metadata.pending_tool as JsonObject)).toEqual({
      call: { id: 'f1', name: 'fire', arguments: {} }
    })
    expect(checkpoint.started.map((entry) => entry.call.id)).toEqual(['f1'])
  })

  it('refuses a second run while one is running', async () => {
    let release: () => void = () => undefined
    const provider: ModelProvider = {
      provider: 'fake',
      model: 'slow',
      complete: () =>
        new Promise(
          (resolve) => (release = () => resolve({ text: 'ok', toolCalls: [], usage: { input: 1, output: 1 } }))
        )
    }
    const agent = new Agent({ model: provider })
    const first = agent.run('one')
    await expect(agent.run('two')).rejects.toThrow(AgentError)
    await new Promise((resolve) => setTimeout(resolve, 5))
    release()
    expect((await first).status).toBe('completed')
  })
})

describe('tool failures are error steps and the model sees them', () => {
  async function runWith(tools: Tool[], firstCall: ReturnType<typeof call>) {
    const provider = new CountingProvider((_request, turn) =>
      turn === 0 ? { toolCalls: [firstCall] } : { text: 'noted' }
    )
    const run = await new Agent({ model: provider, tools, now: steppingClock() }).run('try')
    return { run, provider }
  }

  it('a tool that outlives its timeout', async () => {
    const slow: Tool = {
      name: 'slow',
      description: 'never returns',
      parameters: { type: 'object' },
      sideEffects: false,
      timeoutMs: 40,
      run: () => new Promise(() => undefined)
    }
    const started = Date.now()
    const { run, provider } = await runWith([slow], call('slow', {}, 's1'))
    expect(Date.now() - started).toBeLessThan(1000)
    expect(kinds(run)).toEqual(['model', 'error', 'tool', 'done'])
    expect(toPlain(run.steps[1].error)).toEqual({ type: 'ToolTimeout', message: 'tool slow timed out after 40 ms' })
    expect(toPlain(run.steps[2].error)).toEqual(toPlain(run.steps[1].error))
    expect(run.steps[2].parentIds).toEqual([run.steps[1].id])
    const toolMessage = provider.requests[1].messages[2]
    expect(toolMessage).toEqual({
      role: 'tool',
      content: 'Error: ToolTimeout: tool slow timed out after 40 ms',
      toolCallId: 's1',
      name: 'slow'
    })
    expect(run.status).toBe('completed')
  })

  it('arguments that do not fit the schema: the tool never runs', async () => {
    let ran = 0
    const counted: Tool = { ...echo, run: async (args) => (ran++, args) }
    const { run } = await runWith([counted], call('echo', { n: 'three', extra: true }, 'e1'))
    expect(ran).toBe(0)
    expect(kinds(run)).toEqual(['model', 'error', 'tool', 'done'])
    const error = toPlain(run.steps[1].error) as Record<string, string>
    expect(error.type).toBe('InvalidArguments')
    expect(error.message).toMatch(/^invalid arguments for echo: /)
    expect(error.message).toMatch(/n: .*expected number, received string/)
    expect(error.message).toMatch(/Unrecognized key: "extra"/)
    const { run: fractional } = await runWith([counted], call('echo', { n: 1.5 }, 'e2'))
    expect(String((fractional.steps[1].error as JsonObject).message)).toMatch(/n: .*expected int/)
    const { run: missing } = await runWith([counted], call('echo', {}, 'e3'))
    expect(String((missing.steps[1].error as JsonObject).message)).toMatch(/n: .*expected number, received undefined/)
    expect(ran).toBe(0)
  })

  it('an unknown tool and a raising tool', async () => {
    const { run: unknown } = await runWith([echo], call('nope', {}, 'x1'))
    expect(toPlain(unknown.steps[1].error)).toEqual({ type: 'UnknownTool', message: 'no tool named nope is available' })
    class DiskFull extends Error {
      override name = 'DiskFull'
    }
    const raising: Tool = {
      ...echo,
      name: 'boom',
      run: async () => {
        throw new DiskFull('no space left')
      }
    }
    const { run } = await runWith([raising], call('boom', { n: 1 }, 'b1'))
    expect(kinds(run)).toEqual(['model', 'error', 'tool', 'done'])
    expect(toPlain(run.steps[1].error)).toEqual({ type: 'DiskFull', message: 'no space left' })
  })
})
