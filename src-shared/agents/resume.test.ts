/**
 * The three crash points. Each state is the exact file a crash would leave: a checkpoint store
 * that writes the whole run at every call the agent makes to it (what a journal replay rebuilds),
 * loaded back from those bytes. The real kill tests live with the checkpoint store.
 */
import { describe, expect, it } from 'vitest'
import { Agent } from './agent'
import { AgentError } from './errors'
import { analyzeResumePoint } from './resume-point'
import type { CheckpointStore, Tool, ToolCall } from './types'
import { loadRunFromBytes } from '../run/load'
import { Run } from '../run/run'
import { serializeRun } from '../run/save'
import type { Step } from '../run/types'
import { obj, toPlain, type JsonObject } from '../tine/json-value'
import { oracleVerdict, tempDir } from '../../e2e/kit/agent-disk'
import { CountingProvider, RecordingCheckpoint, call, kinds, steppingClock } from './testing/fakes'

/** Snapshots the run as a draft file at every checkpoint call, labelled by what just happened. */
class SnapshotCheckpoint implements CheckpointStore {
  readonly snapshots: Array<{ label: string; bytes: Uint8Array }> = []
  private take(label: string, run: Run) {
    this.snapshots.push({ label, bytes: new TextEncoder().encode(serializeRun(run, { draft: true })) })
  }
  async stepCompleted(run: Run, step: Step) {
    this.take(`step:${step.kind}:${run.stepCount}`, run)
  }
  async toolStarting(run: Run, toolCall: ToolCall) {
    this.take(`start:${toolCall.name}`, run)
  }
  async settle(run: Run) {
    this.take(`settle:${run.status}`, run)
  }
  load(label: string): Run {
    const found = this.snapshots.find((snapshot) => snapshot.label === label)
    if (!found)
      throw new Error(`no snapshot ${label}; have ${this.snapshots.map((snapshot) => snapshot.label).join(', ')}`)
    return loadRunFromBytes(found.bytes)
  }
}

/** An outside service that applies each idempotency key once; counts what actually happened. */
class CountingService {
  effects = 0
  calls = 0
  readonly keys: Array<string | undefined> = []
  private readonly seen = new Set<string>()
  apply(key: string | undefined): void {
    this.calls += 1
    this.keys.push(key)
    if (key !== undefined && this.seen.has(key)) return
    if (key !== undefined) this.seen.add(key)
    this.effects += 1
  }
}

function tools(service: CountingService): { lookup: Tool & { runs: number }; send: Tool; charge: Tool } {
  const lookup = {
    runs: 0,
    name: 'lookup',
    description: 'read-only lookup',
    parameters: { type: 'object' },
    sideEffects: false,
    run: async (args: JsonObject) => {
      lookup.runs += 1
      return obj({ found: args.q ?? null })
    }
  }
  const send: Tool = {
    name: 'send_email',
    description: 'side effect, no idempotency key',
    parameters: { type: 'object' },
    sideEffects: true,
    run: async () => (service.apply(undefined), 'sent')
  }
  const charge: Tool = {
    name: 'charge',
    description: 'side effect with an idempotency key',
    parameters: { type: 'object', properties: { amount: { type: 'integer' } }, required: ['amount'] },
    sideEffects: true,
    idempotencyKey: (args) => `charge-${String(args.amount)}`,
    run: async (_args, context) => (service.apply(context.idempotencyKey), 'charged')
  }
  return { lookup, send, charge }
}

/** lookup → (charge | send) → answer. */
function provider(sideTool: 'charge' | 'send_email'): CountingProvider {
  return new CountingProvider((_request, turn) => {
    if (turn === 0)
      return { text: 'looking', toolCalls: [call('lookup', { q: 'a' }, 'l1'), call('lookup', { q: 'b' }, 'l2')] }
    if (turn === 1)
      return { toolCalls: [call(sideTool, sideTool === 'charge' ? { amount: 5 } : { to: 'x@example.com' }, 's1')] }
    return { text: 'finished' }
  })
}

async function recordedRun(sideTool: 'charge' | 'send_email') {
  const service = new CountingService()
  const toolset = tools(service)
  const checkpoint = new SnapshotCheckpoint()
  const first = provider(sideTool)
  const run = await new Agent({
    model: first,
    tools: [toolset.lookup, toolset.send, toolset.charge],
    checkpoint,
    now: steppingClock()
  }).run('do it')
  expect(run.status).toBe('completed')
  return { run, service, toolset, checkpoint, first }
}

function resumeAgent(
  sideTool: 'charge' | 'send_email',
  toolset: ReturnType<typeof tools>,
  checkpoint?: CheckpointStore
) {
  const model = provider(sideTool)
  return {
    model,
    agent: new Agent({
      model,
      tools: [toolset.lookup, toolset.send, toolset.charge],
      checkpoint,
      now: steppingClock(1_900_000_000)
    })
  }
}

describe('crash point 1: between turns', () => {
  it('after the user turn, before any model call: ask the model', async () => {
    const { run: full, toolset } = await recordedRun('charge')
    const crashed = new Run({ id: 'crashed-at-start', modelInfo: 'fake-model-1', userPrompt: 'do it' })
    crashed.manifest = full.manifest
    crashed.transcript = [obj({ role: 'user', content: 'do it' })]
    expect(analyzeResumePoint(crashed).point).toEqual({ kind: 'after-user-turn', crashPoint: 1 })
    const { agent, model } = resumeAgent('charge', toolset)
    await agent.continueRun(crashed)
    expect(crashed.status).toBe('completed')
    expect(model.calls).toBe(3)
    expect(crashed.order).toEqual(full.order)
  })

  it('after a model turn that was not the answer (empty): ask again; after the answer: nothing to ask', async () => {
    const run = new Run({ id: 'empty-answer', modelInfo: 'fake-model-1' })
    run.transcript.push(obj({ role: 'user', content: 'hi' }))
    const step = run.addStep({
      kind: 'model',
      inputs: obj({ request: 'k', text: 'hi' }),
      outputs: obj({ text: '', tool_calls: [] })
    })
    run.transcript.push(obj({ step_id: step.id, role: 'assistant', content: '' }))
    expect(analyzeResumePoint(run).point).toEqual({ kind: 'after-model-turn', crashPoint: 1, final: false })
    const model = new CountingProvider(() => ({ text: 'hello' }))
    await new Agent({ model, now: steppingClock() }).continueRun(run)
    expect(model.calls).toBe(1)
    expect(kinds(run)).toEqual(['model', 'done'])
    expect(analyzeResumePoint(run).point).toEqual({ kind: 'after-model-turn', crashPoint: 1, final: true })

    const checkpoint = new RecordingCheckpoint()
    run.status = 'running'
    await new Agent({ model, checkpoint, now: steppingClock() }).continueRun(run)
    expect(model.calls).toBe(1)
    expect(run.status).toBe('completed')
    expect(checkpoint.events).toEqual(['settle:completed'])

    await new Agent({ model, now: steppingClock() }).continueRun(run, { prompt: 'and again' })
    expect(model.calls).toBe(2)
    expect(toPlain(run.transcript[3])).toEqual({ role: 'user', content: 'and again' })
  })
})

describe('crash point 2: after tool results, before the next model call', () => {
  it('every result of the batch recorded: ask the model with them', async () => {
    const { run: full, checkpoint, toolset } = await recordedRun('charge')
    const crashed = checkpoint.load('step:tool:3')
    expect(analyzeResumePoint(crashed).point).toEqual({ kind: 'after-tool-results', crashPoint: 2 })
    const { agent, model } = resumeAgent('charge', toolset)
    const runsBefore = toolset.lookup.runs
    await agent.continueRun(crashed)
    expect(toolset.lookup.runs).toBe(runsBefore)
    expect(model.calls).toBe(2)
    expect(model.requests[0].messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'tool'])
    expect(crashed.order).toEqual(full.order)
    expect(crashed.status).toBe('completed')
  })

  it('part of the batch recorded, nothing in flight: run the rest, then ask', async () => {
    const { run: full, checkpoint, toolset } = await recordedRun('charge')
    const crashed = checkpoint.load('step:tool:2')
    const point = analyzeResumePoint(crashed).point
    expect(point).toMatchObject({ kind: 'unfinished-tool-calls', crashPoint: 2 })
    expect(point.kind === 'unfinished-tool-calls' && point.remaining.map((entry) => entry.id)).toEqual(['l2'])
    const { agent, model } = resumeAgent('charge', toolset)
    const runsBefore = toolset.lookup.runs
    await agent.continueRun(crashed)
    expect(toolset.lookup.runs).toBe(runsBefore + 1)
    expect(model.calls).toBe(2)
    expect(crashed.order).toEqual(full.order)
  })
})

describe('crash point 3: inside a tool', () => {
  it('a read-only tool runs again', async () => {
    const { run: full, checkpoint, toolset } = await recordedRun('charge')
    const crashed = checkpoint.load('step:think:1')
    crashed.metadata.pending_tool = obj({ call: obj({ id: 'l1', name: 'lookup', arguments: obj({ q: 'a' }) }) })
    expect(analyzeResumePoint(crashed).point).toMatchObject({
      kind: 'inside-tool',
      crashPoint: 3,
      call: { id: 'l1' },
      remaining: [{ id: 'l2' }]
    })
    const runsBefore = toolset.lookup.runs
    const { agent } = resumeAgent('charge', toolset)
    await agent.continueRun(crashed)
    expect(toolset.lookup.runs).toBe(runsBefore + 2)
    expect(crashed.order).toEqual(full.order)
    expect(crashed.metadata.pending_tool).toBeUndefined()
  })

  it('a side-effect tool with an idempotency key runs again with the same key: the world sees it once', async () => {
    const { run: full, checkpoint, toolset, service } = await recordedRun('charge')
    expect(service.effects).toBe(1)
    const crashed = checkpoint.load('start:charge')
    expect(toPlain(crashed.metadata.pending_tool as JsonObject)).toEqual({
      call: { id: 's1', name: 'charge', arguments: { amount: 5 } },
      idempotency_key: 'charge-5'
    })
    expect(analyzeResumePoint(crashed).point).toMatchObject({
      kind: 'inside-tool',
      crashPoint: 3,
      idempotencyKey: 'charge-5'
    })
    const resumeCheckpoint = new RecordingCheckpoint()
    const { agent } = resumeAgent('charge', toolset, resumeCheckpoint)
    await agent.continueRun(crashed)
    expect(service.calls).toBe(2)
    expect(service.keys).toEqual(['charge-5', 'charge-5'])
    expect(service.effects).toBe(1)
    expect(resumeCheckpoint.started.map((entry) => entry.key)).toEqual(['charge-5'])
    expect(crashed.status).toBe('completed')
    expect(crashed.order).toEqual(full.order)
  })

  it('a side-effect tool without a key is parked for review, not re-run; review resolves it', async () => {
    const { checkpoint, toolset, service } = await recordedRun('send_email')
    expect(service.effects).toBe(1)
    const crashed = checkpoint.load('start:send_email')
    const settle = new RecordingCheckpoint()
    const { agent, model } = resumeAgent('send_email', toolset, settle)
    await agent.continueRun(crashed)
    expect(service.calls).toBe(1)
    expect(model.calls).toBe(0)
    expect(crashed.status).toBe('paused')
    expect(crashed.metadata.pending_tool).toBeUndefined()
    const review = toPlain(crashed.metadata.needs_review as JsonObject) as { call: unknown; reason: string }
    expect(review.call).toEqual({ id: 's1', name: 'send_email', arguments: { to: 'x@example.com' } })
    expect(review.reason).toMatch(/side effects and no idempotency key/)
    expect(settle.events).toEqual(['settle:paused'])
    const work = tempDir('agent-resume-')
    try {
      const verdict = oracleVerdict(crashed, work.dir)
      expect(verdict.status, verdict.output).toBe(0)
    } finally {
      work.cleanup()
    }

    // The parked state survives a save and load, and is refused without a decision.
    const parked = loadRunFromBytes(new TextEncoder().encode(serializeRun(crashed)))
    expect(analyzeResumePoint(parked).point).toMatchObject({ kind: 'needs-review', crashPoint: 3 })
    await expect(agent.continueRun(parked)).rejects.toThrow(AgentError)
    await expect(agent.continueRun(parked)).rejects.toThrow(/needs review: tool send_email/)

    const skipped = loadRunFromBytes(new TextEncoder().encode(serializeRun(crashed)))
    await agent.continueRun(skipped, { review: { action: 'skip' } })
    expect(service.calls).toBe(1)
    expect(skipped.status).toBe('completed')
    const skippedTool = skipped.steps.find((step) => step.kind === 'tool' && step.inputs.name === 'send_email')!
    expect(toPlain(skippedTool.outputs)).toEqual({ result: { skipped: true } })
    expect(skipped.metadata.needs_review).toBeUndefined()

    const entered = loadRunFromBytes(new TextEncoder().encode(serializeRun(crashed)))
    await agent.continueRun(entered, { review: { action: 'result', result: 'sent by hand' } })
    expect(entered.steps.find((step) => step.inputs.name === 'send_email')!.outputs.result).toBe('sent by hand')
    expect(service.calls).toBe(1)

    const rerun = loadRunFromBytes(new TextEncoder().encode(serializeRun(crashed)))
    await agent.continueRun(rerun, { review: { action: 'rerun' } })
    expect(service.calls).toBe(2)
    expect(rerun.status).toBe('completed')
  })
})

describe('continueRun refuses what it cannot continue', () => {
  it('a manifest that is not resumable, and a review with nothing to review', async () => {
    const run = new Run({ id: 'not-resumable' })
    run.manifest = obj({ kind: 'opentine-native', resume: false })
    run.transcript.push(obj({ role: 'user', content: 'x' }))
    const agent = new Agent({ model: new CountingProvider(() => ({ text: 'y' })) })
    await expect(agent.continueRun(run)).rejects.toThrow(/is not resumable/)
    run.manifest.resume = true
    await expect(agent.continueRun(run, { review: { action: 'skip' } })).rejects.toThrow(
      /no tool call waiting for review/
    )
  })
})
