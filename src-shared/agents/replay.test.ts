import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Agent } from './agent'
import { ReplayCache } from './replay-cache'
import type { Tool } from './types'
import { forkRun } from '../run/fork'
import { loadRunFromBytes } from '../run/load'
import type { Run } from '../run/run'
import { serializeRun } from '../run/save'
import { isObject, obj, toPlain, type JsonObject } from '../tine/json-value'
import { totalCost } from '../run/cost'
import { oracleVerdict, tempDir } from '../../e2e/kit/agent-disk'
import { CountingProvider, call, kinds, steppingClock } from './testing/fakes'

const work = tempDir('agent-replay-')
afterAll(() => work.cleanup())

const SYSTEM = 'You look things up.'
const PROMPT = 'Look up ten numbers'

/** Turn t < 9 looks up t (turn 4 looks up two numbers); turn 9 answers. 9 model + 10 tool + 1 done = 20 steps. */
function scriptedProvider(): CountingProvider {
  return new CountingProvider((request, turn) => {
    if (turn === 9)
      return {
        text: `found ${request.messages.filter((message) => message.role === 'tool').length} numbers`,
        cost: 0.001
      }
    const calls =
      turn === 4
        ? [call('lookup', { n: 4 }, 'c4a'), call('lookup', { n: 40 }, 'c4b')]
        : [call('lookup', { n: turn }, `c${turn}`)]
    return { toolCalls: calls, cost: 0.001 }
  })
}

function lookupTool(): Tool & { runs: number } {
  const tool = {
    runs: 0,
    name: 'lookup',
    description: 'look a number up',
    parameters: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
    sideEffects: false,
    run: async (args: JsonObject) => {
      tool.runs += 1
      return obj({ value: `number ${String(args.n)}` })
    }
  }
  return tool
}

function agentFor(provider: CountingProvider, tool: Tool, replay?: ReplayCache): Agent {
  return new Agent({
    model: provider,
    tools: [tool],
    systemPrompt: SYSTEM,
    replay,
    now: steppingClock(1_900_000_000, 0.5)
  })
}

const sourceProvider = scriptedProvider()
const source = await agentFor(sourceProvider, lookupTool()).run(PROMPT)
const sourceText = serializeRun(source)

/** A fork that retries the model step at `index` (mode 'before'). */
function forkBefore(index: number): Run {
  return forkRun(source, { at: source.order[index], mode: 'before', nonce: '' }).run
}

afterAll(() => {
  // The source run is never modified by replays, forks or continuations.
  expect(serializeRun(source)).toBe(sourceText)
})

describe('the source run', () => {
  it('has 20 steps and cost the provider 10 requests', () => {
    expect(source.stepCount).toBe(20)
    expect(sourceProvider.calls).toBe(10)
    expect(source.status).toBe('completed')
    expect(Object.keys(source.cache)).toHaveLength(20)
  })
})

describe('continuing a fork with the replay cache', () => {
  it('sends zero requests for the retained and matching steps and reproduces the same step ids', async () => {
    expect(source.steps[11].kind).toBe('model')
    const fork = forkBefore(11)
    expect(fork.stepCount).toBe(11)
    const provider = scriptedProvider()
    const tool = lookupTool()
    const replay = ReplayCache.fromRun(source)
    const continued = await agentFor(provider, tool, replay).continueRun(fork)

    expect(provider.calls).toBe(0)
    expect(tool.runs).toBe(0)
    expect(replay.stats).toEqual({ modelHits: 5, modelMisses: 0, toolHits: 4, toolMisses: 0 })
    expect(continued.status).toBe('completed')
    expect(continued.order).toEqual(source.order)

    const served = source.order.slice(11)
    expect(toPlain(continued.metadata.replay as JsonObject)).toEqual({
      mode: 'rerun',
      source_run: source.id,
      reused_steps: 9,
      served_from_record: served
    })
    for (const id of served) {
      const step = continued.getStep(id)!
      if (step.kind === 'tool') continue
      expect(step.cost).toBe(0)
      expect(toPlain(step.billing!)).toEqual({ status: 'replayed', known_subtotal_usd: '0' })
      expect(source.getStep(id)!.cost).toBe(0.001)
    }
    // Cost counted once: the retained steps keep theirs, the replayed ones add nothing.
    expect(totalCost(continued)).toBeCloseTo(0.001 * 5, 12)
    const entry = continued.cache[String(continued.getStep(served[0])!.inputs.request)] as JsonObject
    expect(toPlain(entry.provenance as JsonObject)).toMatchObject({
      origin: 'replay',
      source_run: source.id,
      source_step: served[0],
      step_id: served[0]
    })

    const verdict = oracleVerdict(continued, work.dir)
    expect(verdict.status, verdict.output).toBe(0)
  })

  it('a fork inside a two-call batch runs the rest of the batch from the record too', async () => {
    expect(kinds(source).slice(8, 11)).toEqual(['model', 'tool', 'tool'])
    const fork = forkBefore(10)
    const provider = scriptedProvider()
    const tool = lookupTool()
    const continued = await agentFor(provider, tool, ReplayCache.fromRun(source)).continueRun(fork)
    expect(provider.calls).toBe(0)
    expect(tool.runs).toBe(0)
    expect(continued.order).toEqual(source.order)
  })

  it('works the same from the source as saved and loaded from disk', async () => {
    const file = path.join(work.dir, 'source.tine')
    writeFileSync(file, serializeRun(source))
    const loaded = loadRunFromBytes(readFileSync(file))
    const fork = forkRun(loaded, { at: loaded.order[13], mode: 'before', nonce: '' }).run
    const provider = scriptedProvider()
    const continued = await agentFor(provider, lookupTool(), ReplayCache.fromRun(loaded)).continueRun(fork)
    expect(provider.calls).toBe(0)
    expect(continued.order).toEqual(source.order)
  })

  it('re-running the whole run (mode rerun) is served entirely from the record', async () => {
    const provider = scriptedProvider()
    const rerun = await agentFor(provider, lookupTool(), ReplayCache.fromRun(source)).run(PROMPT)
    expect(provider.calls).toBe(0)
    expect(rerun.id).not.toBe(source.id)
    expect(rerun.order).toEqual(source.order)
  })
})

describe('a change sends exactly the requests after it', () => {
  it('a new prompt on the fork: every later model call is a miss', async () => {
    const fork = forkBefore(11)
    const provider = scriptedProvider()
    const tool = lookupTool()
    const replay = ReplayCache.fromRun(source)
    const continued = await agentFor(provider, tool, replay).continueRun(fork, { prompt: 'Also say which was largest' })
    const modelStepsAfter = source.steps.slice(11).filter((step) => step.kind !== 'tool').length
    expect(provider.calls).toBe(modelStepsAfter)
    expect(replay.stats.modelHits).toBe(0)
    for (const request of provider.requests)
      expect(
        request.messages.some((message) => message.role === 'user' && message.content === 'Also say which was largest')
      ).toBe(true)
    // Tool calls with recorded arguments are still served from the record.
    expect(tool.runs).toBe(0)
    expect(continued.status).toBe('completed')
    const served = (continued.metadata.replay as JsonObject).served_from_record as string[]
    expect(served.every((id) => continued.getStep(id)!.kind === 'tool')).toBe(true)
  })

  it('a modified tool result in the fork: requests from that point on are sent', async () => {
    const fork = forkBefore(15)
    const lastTool = fork.transcript[fork.transcript.length - 1]
    if (!isObject(lastTool)) throw new Error('expected a tool turn')
    expect(lastTool.role).toBe('tool')
    lastTool.content = '{"value":"edited by hand"}'
    const provider = scriptedProvider()
    const replay = ReplayCache.fromRun(source)
    await agentFor(provider, lookupTool(), replay).continueRun(fork)
    expect(provider.calls).toBe(source.steps.slice(15).filter((step) => step.kind !== 'tool').length)
    expect(provider.requests[0].messages[provider.requests[0].messages.length - 1].content).toBe(
      '{"value":"edited by hand"}'
    )
  })

  it('a different first prompt misses every call; a different model too', async () => {
    const provider = scriptedProvider()
    await agentFor(provider, lookupTool(), ReplayCache.fromRun(source)).run(PROMPT + '!')
    expect(provider.calls).toBe(10)
    const other = new CountingProvider((request, turn) => scriptedProvider()['answer'](request, turn), 'fake-model-2')
    await agentFor(other, lookupTool(), ReplayCache.fromRun(source)).run(PROMPT)
    expect(other.calls).toBe(10)
  })
})

describe('the replay cache itself', () => {
  it('looks up by request and by tool call, and ignores entries it did not write', () => {
    const replay = ReplayCache.fromRun(source)
    const first = sourceProvider.requests[0]
    expect(replay.lookupModel(first)?.toolCalls.map((entry) => entry.id)).toEqual(['c0'])
    expect(replay.lookupModel({ ...first, system: 'changed' })).toBeUndefined()
    expect(toPlain(replay.lookupTool('lookup', obj({ n: 3n }))!)).toEqual({ value: 'number 3' })
    expect(replay.lookupTool('lookup', obj({ n: 3.0 }))).toBeUndefined()
    expect(replay.stats).toEqual({ modelHits: 1, modelMisses: 1, toolHits: 1, toolMisses: 1 })

    const foreign = source.clone()
    const key = String(foreign.steps[0].inputs.request)
    ;(foreign.cache[key] as JsonObject).value = 'an opaque value from another writer'
    expect(ReplayCache.fromRun(foreign).lookupModel(first)).toBeUndefined()
  })

  it('hands out copies: changing a served answer does not change the next one', () => {
    const replay = ReplayCache.fromRun(source)
    const first = sourceProvider.requests[0]
    replay.lookupModel(first)!.toolCalls[0].arguments.n = 99n
    expect(replay.lookupModel(first)!.toolCalls[0].arguments.n).toBe(0n)
  })
})
