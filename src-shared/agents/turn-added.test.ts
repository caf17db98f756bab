/**
 * A resume prompt has no step, so the agent reports it to the checkpoint store itself
 * (turnAdded), once, before the model is asked about it.
 */
import { describe, expect, it } from 'vitest'
import { Agent } from './agent'
import type { Tool } from './types'
import type { Run } from '../run/run'
import { isObject } from '../tine/json-value'
import { CountingProvider, RecordingCheckpoint, call, kinds, steppingClock } from './testing/fakes'

/** Also records turnAdded, with what the run and the provider looked like at that moment. */
class TurnRecordingCheckpoint extends RecordingCheckpoint {
  readonly turns: Array<{ lastTurn: unknown; modelCalls: number }> = []
  constructor(private readonly provider: CountingProvider) {
    super()
  }
  async turnAdded(run: Run): Promise<void> {
    const last = run.transcript.at(-1)
    this.turns.push({
      lastTurn: isObject(last) ? { role: last.role, content: last.content } : last,
      modelCalls: this.provider.calls
    })
    this.events.push('turn')
  }
}

const echo: Tool = {
  name: 'echo',
  description: 'echo',
  parameters: { type: 'object' },
  sideEffects: false,
  run: async (args) => args.n ?? null
}

/** One tool call, then an answer that repeats the latest user text. */
function provider(): CountingProvider {
  return new CountingProvider((request, turn) => {
    if (turn === 0) return { toolCalls: [call('echo', { n: 1 }, 'c1')] }
    const last = request.messages.at(-1)
    return { text: `answer to ${last?.role === 'user' ? last.content : 'tools'}` }
  })
}

describe('turnAdded', () => {
  it('is called once for a resume prompt, before the model is asked', async () => {
    const model = provider()
    const checkpoint = new TurnRecordingCheckpoint(model)
    const agent: Agent = new Agent({
      model,
      tools: [echo],
      checkpoint,
      now: steppingClock(),
      onStep: (_run, step) => {
        if (step.kind === 'tool') agent.requestPause()
      }
    })
    const run = await agent.run('first')
    expect(run.status).toBe('paused')
    expect(checkpoint.turns).toEqual([])
    const callsBefore = model.calls

    await new Agent({ model, tools: [echo], checkpoint, now: steppingClock() }).continueRun(run, { prompt: 'second' })
    expect(run.status).toBe('completed')
    expect(checkpoint.turns).toEqual([{ lastTurn: { role: 'user', content: 'second' }, modelCalls: callsBefore }])
    expect(model.calls).toBe(callsBefore + 1)
    expect(model.requests.at(-1)?.messages.at(-1)).toEqual({ role: 'user', content: 'second' })
    const afterPause = checkpoint.events.slice(checkpoint.events.indexOf('settle:paused') + 1)
    expect(afterPause).toEqual(['turn', 'step:done', 'settle:completed'])
    expect(kinds(run)).toEqual(['model', 'tool', 'done'])
  })

  it('is not called when no user turn is added', async () => {
    const model = provider()
    const checkpoint = new TurnRecordingCheckpoint(model)
    const agent: Agent = new Agent({
      model,
      tools: [echo],
      checkpoint,
      now: steppingClock(),
      onStep: (_run, step) => {
        if (step.kind === 'tool') agent.requestPause()
      }
    })
    const run = await agent.run('first')
    await new Agent({ model, tools: [echo], checkpoint, now: steppingClock() }).continueRun(run)
    expect(run.status).toBe('completed')
    expect(checkpoint.events).not.toContain('turn')
  })
})
