/**
 * The agent loop for one session on one run: ask the model, run its tool calls one by one,
 * record every completed call as a step (spec §3), its turn (§19) and its cache entry (§5),
 * hand the step to the checkpoint store, and stop at step boundaries for pause and budgets.
 */
import { arrayOr, deepCopy, isObject, newObject, obj, type JsonObject, type JsonValue } from '../tine/json-value'
import type { Run } from '../run/run'
import type { Step } from '../run/types'
import { firstLineOf } from '../tine/errors'
import { childController, raceWithSignal, stopReasonOf, StopReason } from './abort'
import { BudgetMeter, breachMessage, type BudgetBreach } from './budget'
import { cacheEntry, responseToJson, usageToJson } from './cache-entry'
import { AgentError } from './errors'
import { recordedProvider, type ReplayCache } from './replay-cache'
import { ConversationKeyer, toolCallKey } from './semantic-key'
import { runTool, toolSpecOf, type ToolFailure } from './tools'
import { assistantTurn, toolCallToJson, toolErrorContent, toolResultContent, toolTurn, userTurn } from './transcript'
import {
  PENDING_TOOL_KEY,
  REPLAY_PROVENANCE_KEY,
  type Budget,
  type ChatMessage,
  type CheckpointStore,
  type ModelProvider,
  type ModelRequest,
  type ModelResponse,
  type Tool,
  type ToolCall,
  type ToolSpec
} from './types'

export interface SessionConfig {
  model: ModelProvider
  tools: readonly Tool[]
  systemPrompt: string
  budget?: Budget
  checkpoint?: CheckpointStore
  replay?: ReplayCache
  /** Unix seconds. */
  now: () => number
  onStep?: (run: Run, step: Step) => void
  defaultToolTimeoutMs?: number
}

/** One unit of queued work: a tool call to run (or to record with a result decided by a person), or a user prompt. */
export type WorkItem =
  | { type: 'call'; call: ToolCall; idempotencyKey?: string; decided?: { result: JsonValue; action: string } }
  | { type: 'prompt'; text: string }

/** Thrown by run()/continueRun() when the budget says on_breach "raise"; the run is saved first. */
export class BudgetExceededError extends AgentError {
  constructor(
    message: string,
    readonly run: Run
  ) {
    super('agent.budget-exceeded', message)
  }
}

type ModelOutcome = { end: 'completed' | 'failed'; calls: [] } | { end: null; calls: ToolCall[] }

function latestText(messages: readonly ChatMessage[]): string {
  const last = messages[messages.length - 1]
  if (!last) return ''
  if (last.role === 'user') return last.content
  if (last.role === 'assistant') return ''
  const names: string[] = []
  for (let i = messages.length - 1; i >= 0 && messages[i].role === 'tool'; i--)
    names.unshift((messages[i] as { name: string }).name)
  return `tool results: ${names.join(', ')}`
}

/** Provider output in the shape the recorder needs: ids on every call, arguments in the value model. */
function normalizeResponse(response: ModelResponse, callPrefix: string): ModelResponse {
  const toolCalls = (response.toolCalls ?? []).map((call, index) => ({
    id: typeof call.id === 'string' && call.id ? call.id : `${callPrefix}_${index}`,
    name: String(call.name),
    // Providers hand arguments over in the value model already (floats stay floats): copy, do not convert.
    arguments: isObject(call.arguments) ? deepCopy(call.arguments) : newObject()
  }))
  return {
    ...response,
    text: typeof response.text === 'string' ? response.text : '',
    toolCalls,
    usage: response.usage ?? { input: 0, output: 0 }
  }
}

/** Spec §3 runtime convention. */
function modelStepKind(response: ModelResponse): string {
  if (response.refusal !== undefined) return 'error'
  if (response.toolCalls.length) return response.text ? 'think' : 'model'
  return response.text ? 'done' : 'model'
}

export class RunSession {
  private readonly stop = new AbortController()
  private pauseRequested = false
  private readonly toolsByName: Map<string, Tool>
  private readonly specs: ToolSpec[]
  private readonly keyer: ConversationKeyer
  private readonly meter: BudgetMeter
  private readonly messages: ChatMessage[]

  constructor(
    private readonly config: SessionConfig,
    readonly run: Run,
    messages: ChatMessage[]
  ) {
    this.messages = [...messages]
    this.toolsByName = new Map(config.tools.map((tool) => [tool.name, tool]))
    this.specs = config.tools.map(toolSpecOf)
    this.keyer = new ConversationKeyer(this.messages)
    this.meter = new BudgetMeter(config.budget, run, config.now())
    if (config.replay) this.startReplayRecord(config.replay)
  }

  requestPause(): void {
    this.pauseRequested = true
  }

  cancel(): void {
    if (!this.stop.signal.aborted) this.stop.abort(new StopReason('cancelled', 'cancelled by the user'))
  }

  /** Works through `queue`, then alternates model calls and their tool calls until the run ends or stops. */
  async drive(queue: WorkItem[]): Promise<Run> {
    const pending = [...queue]
    try {
      for (;;) {
        if (await this.atBoundary()) return this.run
        const item = pending.shift()
        if (item?.type === 'prompt') {
          await this.addUserTurn(item.text)
          continue
        }
        if (item) {
          await this.executeCall(item)
          continue
        }
        const outcome = await this.askModel()
        if (outcome.end) {
          await this.settle(outcome.end)
          return this.run
        }
        for (const call of outcome.calls) pending.push({ type: 'call', call })
      }
    } catch (error) {
      const reason = error instanceof StopReason ? error : stopReasonOf(this.stop.signal)
      if (reason?.kind === 'cancelled') {
        this.run.metadata.cancelled = true
        await this.settle('paused')
        return this.run
      }
      if (reason?.kind === 'budget') {
        const now = this.config.now()
        const limit = this.config.budget?.maxDuration ?? 0
        await this.recordBreach(
          this.meter.check(now) ?? { dimension: 'duration', limit, incurred: Math.max(limit, this.meter.duration(now)) }
        )
        return this.run
      }
      throw error
    }
  }

  /**
   * Adds a user turn (a resume prompt) to the conversation. It has no step of its own, so no
   * stepCompleted would save it before the model call that may crash: the store is told now.
   */
  private async addUserTurn(text: string): Promise<void> {
    this.run.transcript.push(userTurn(text))
    this.pushMessage({ role: 'user', content: text })
    await this.config.checkpoint?.turnAdded?.(this.run)
  }

  private pushMessage(message: ChatMessage): void {
    this.messages.push(message)
    this.keyer.append(message)
  }

  /** True when the session must stop here: pause requested or budget breached. Cancel throws. */
  private async atBoundary(): Promise<boolean> {
    if (this.stop.signal.aborted) throw this.stop.signal.reason
    if (this.pauseRequested) {
      await this.settle('paused')
      return true
    }
    const breach = this.meter.check(this.config.now())
    if (!breach) return false
    await this.recordBreach(breach)
    return true
  }

  private async recordBreach(breach: BudgetBreach): Promise<void> {
    const now = this.config.now()
    const message = breachMessage(breach)
    const step = this.run.addStep({
      kind: 'error',
      inputs: obj({ budget: breach.dimension }),
      error: obj({ type: 'BudgetExceeded', message }),
      timestamp: now
    })
    this.run.metadata.budget_state = this.meter.state(breach, now)
    await this.land(step)
    await this.settle('failed')
    if (this.config.budget?.onBreach === 'raise') throw new BudgetExceededError(message, this.run)
  }

  private async settle(status: 'completed' | 'failed' | 'paused'): Promise<void> {
    this.run.status = status
    await this.config.checkpoint?.settle(this.run)
  }

  /** An operation's signal: aborts on cancel, or when the duration budget runs out. */
  private operation(): { signal: AbortSignal; dispose: () => void } {
    const remaining = this.meter.remainingSeconds(this.config.now())
    const { controller, dispose } = childController(
      this.stop.signal,
      remaining === undefined ? undefined : remaining * 1000,
      () => new StopReason('budget', 'duration budget ran out')
    )
    return { signal: controller.signal, dispose }
  }

  /** The step is in the run: add its turn, count it, checkpoint it, tell the listener. */
  private async land(step: Step, turn?: JsonObject, message?: ChatMessage): Promise<void> {
    if (turn) this.run.transcript.push(turn)
    if (message) this.pushMessage(message)
    this.meter.record(step)
    await this.config.checkpoint?.stepCompleted(this.run, step)
    this.config.onStep?.(this.run, step)
  }

  private liveProvenance(extra: JsonObject = newObject()): JsonObject {
    return obj({
      origin: 'live',
      provider: this.config.model.provider,
      model: this.config.model.model,
      run_id: this.run.id,
      ...extra
    })
  }

  private replayProvenance(recorded: JsonObject, stepId: string): JsonObject {
    return obj({
      origin: 'replay',
      provider: recorded.provider,
      model: recorded.model,
      source_run: this.config.replay?.sourceRunId,
      source_step: recorded.step_id,
      run_id: this.run.id,
      step_id: stepId
    })
  }

  private startReplayRecord(replay: ReplayCache): void {
    const existing = this.run.metadata[REPLAY_PROVENANCE_KEY]
    if (isObject(existing) && existing.mode === 'rerun' && existing.source_run === replay.sourceRunId) return
    this.run.metadata[REPLAY_PROVENANCE_KEY] = obj({
      mode: 'rerun',
      source_run: replay.sourceRunId,
      reused_steps: 0n,
      served_from_record: []
    })
  }

  private markServed(step: Step): void {
    const record = this.run.metadata[REPLAY_PROVENANCE_KEY]
    if (!isObject(record)) return
    const served = arrayOr(record.served_from_record)
    served.push(step.id)
    record.served_from_record = served
    record.reused_steps = BigInt(served.length)
  }

  private async askModel(): Promise<ModelOutcome> {
    const { model, now } = this.config
    const request: ModelRequest = {
      model: model.model,
      system: this.config.systemPrompt,
      messages: [...this.messages],
      tools: this.specs
    }
    const key = this.keyer.key(request.model, request.system, request.tools)
    const inputs = obj({ request: key, text: latestText(this.messages) })
    const start = now()
    const served = this.config.replay?.serveModel(key)
    let response: ModelResponse
    if (served) response = served.response
    else {
      const { signal, dispose } = this.operation()
      try {
        response = await raceWithSignal(
          Promise.resolve().then(() => model.complete(request, { signal })),
          signal
        )
      } catch (error) {
        const reason = stopReasonOf(signal)
        if (reason) throw reason
        const step = this.run.addStep({
          kind: 'error',
          inputs,
          error: obj({ type: 'ProviderError', message: `${model.provider} ${model.model}: ${firstLineOf(error)}` }),
          provider: model.provider,
          modelInfo: model.model,
          timestamp: start,
          duration: Math.max(0, now() - start)
        })
        await this.land(step)
        return { end: 'failed', calls: [] }
      } finally {
        dispose()
      }
    }
    response = normalizeResponse(response, `call_${this.run.stepCount}`)
    const calls = response.refusal !== undefined ? [] : response.toolCalls
    const step = this.run.addStep({
      kind: modelStepKind(response),
      inputs,
      outputs: obj({ text: response.text, tool_calls: calls.map(toolCallToJson) }),
      error: response.refusal !== undefined ? obj({ type: 'Refusal', message: response.refusal }) : newObject(),
      usage: usageToJson(response.usage),
      // A replayed answer was paid for by the source run: counted once, there.
      cost: served ? 0 : Math.max(0, response.cost ?? 0),
      billing: served
        ? obj({ status: 'replayed', known_subtotal_usd: '0' })
        : response.cost === undefined
          ? obj({ status: 'unknown' })
          : undefined,
      provider: served ? recordedProvider(served.provenance) || model.provider : model.provider,
      modelInfo: model.model,
      timestamp: start,
      duration: Math.max(0, now() - start)
    })
    const provenance = served
      ? this.replayProvenance(served.provenance, step.id)
      : this.liveProvenance(obj({ step_id: step.id }))
    this.run.cache[key] = cacheEntry(key, 'model.complete', responseToJson(response), provenance, now())
    if (served) this.markServed(step)
    const message: ChatMessage = { role: 'assistant', content: response.text }
    if (calls.length) message.toolCalls = calls
    if (response.providerNative) message.providerNative = response.providerNative
    await this.land(
      step,
      assistantTurn(step.id, response.text, calls, response.providerNative, response.refusal),
      message
    )
    if (response.refusal !== undefined) return { end: 'failed', calls: [] }
    if (!calls.length) return { end: 'completed', calls: [] }
    return { end: null, calls }
  }

  private async executeCall(item: Extract<WorkItem, { type: 'call' }>): Promise<void> {
    const { call } = item
    const start = this.config.now()
    const key = toolCallKey(call.name, call.arguments)
    if (item.decided) {
      this.recordReview(call, item.decided.action)
      await this.recordToolResult(call, item.decided.result, start)
      return
    }
    const served = this.config.replay?.serveTool(key)
    if (served) {
      const step = await this.recordToolResult(
        call,
        served.result,
        start,
        (stepId) => this.replayProvenance(served.provenance, stepId),
        key
      )
      this.markServed(step)
      return
    }
    const tool = this.toolsByName.get(call.name)
    if (!tool) {
      await this.recordToolFailure(
        call,
        { type: 'UnknownTool', message: `no tool named ${call.name} is available` },
        start
      )
      return
    }
    let idempotencyKey = item.idempotencyKey
    try {
      idempotencyKey ??= tool.idempotencyKey?.(call.arguments)
    } catch (error) {
      await this.recordToolFailure(
        call,
        {
          type: 'InvalidArguments',
          message: `cannot derive the idempotency key of ${call.name}: ${firstLineOf(error)}`
        },
        start
      )
      return
    }
    if (tool.sideEffects) {
      // Written before the tool starts, so a crash inside it is seen on resume (crash point 3).
      this.run.metadata[PENDING_TOOL_KEY] = obj({ call: toolCallToJson(call), idempotency_key: idempotencyKey })
      await this.config.checkpoint?.toolStarting(this.run, call, idempotencyKey)
    }
    const { signal, dispose } = this.operation()
    try {
      const outcome = await runTool(tool, call.arguments, {
        signal,
        idempotencyKey,
        defaultTimeoutMs: this.config.defaultToolTimeoutMs
      })
      if (outcome.ok)
        await this.recordToolResult(
          call,
          outcome.result,
          start,
          (stepId) => this.liveProvenance(obj({ step_id: stepId })),
          key
        )
      else await this.recordToolFailure(call, outcome.error, start)
    } finally {
      dispose()
    }
  }

  private recordReview(call: ToolCall, action: string): void {
    const reviews = arrayOr(this.run.metadata.reviews)
    reviews.push(obj({ action, call_id: call.id, name: call.name, at: this.config.now() }))
    this.run.metadata.reviews = reviews
  }

  private async recordToolResult(
    call: ToolCall,
    result: JsonValue,
    start: number,
    provenance?: (stepId: string) => JsonObject,
    key?: string
  ): Promise<Step> {
    delete this.run.metadata[PENDING_TOOL_KEY]
    const step = this.run.addStep({
      kind: 'tool',
      inputs: obj({ arguments: call.arguments, name: call.name }),
      outputs: obj({ result }),
      toolInfo: obj({ name: call.name }),
      timestamp: start,
      duration: Math.max(0, this.config.now() - start)
    })
    if (provenance && key)
      this.run.cache[key] = cacheEntry(key, 'tool.call', result, provenance(step.id), this.config.now())
    const content = toolResultContent(result)
    await this.land(step, toolTurn(step.id, call, content), {
      role: 'tool',
      content,
      toolCallId: call.id,
      name: call.name
    })
    return step
  }

  /** A failed call: an error step first, then the tool step carrying the error (spec §3). */
  private async recordToolFailure(call: ToolCall, failure: ToolFailure, start: number): Promise<void> {
    const inputs = obj({ arguments: call.arguments, name: call.name })
    const error = obj({ type: failure.type, message: failure.message })
    const errorStep = this.run.addStep({
      kind: 'error',
      inputs,
      toolInfo: obj({ name: call.name }),
      error,
      timestamp: start,
      duration: Math.max(0, this.config.now() - start)
    })
    // pending_tool stays set until the tool step lands: a crash in between must not re-run a side effect blindly.
    await this.land(errorStep)
    delete this.run.metadata[PENDING_TOOL_KEY]
    const toolStep = this.run.addStep({
      kind: 'tool',
      inputs,
      toolInfo: obj({ name: call.name }),
      error: obj({ type: failure.type, message: failure.message }),
      timestamp: this.config.now()
    })
    const content = toolErrorContent(failure)
    await this.land(toolStep, toolTurn(toolStep.id, call, content), {
      role: 'tool',
      content,
      toolCallId: call.id,
      name: call.name
    })
  }
}
