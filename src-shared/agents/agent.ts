/**
 * The Agent API: `run(prompt)` starts a run, `continueRun(run)` continues a paused,
 * forked or crashed one from where it stopped, `requestPause()` and `cancel()` stop it.
 * Pure: the provider, the tools and the checkpoint store are injected.
 */
import { truthy } from '../tine/integrity'
import { freshRunId } from '../tine/ids'
import { arrayOr, isObject, obj, toNumber, type JsonObject, type JsonValue } from '../tine/json-value'
import { Run } from '../run/run'
import type { Step } from '../run/types'
import { budgetManifest, hasLimits } from './budget'
import { AgentError } from './errors'
import { RunSession, type WorkItem } from './loop'
import type { ReplayCache } from './replay-cache'
import { analyzeResumePoint } from './resume-point'
import { toolCallToJson, userTurn } from './transcript'
import {
  NEEDS_REVIEW_KEY,
  PENDING_TOOL_KEY,
  type Budget,
  type ChatMessage,
  type CheckpointStore,
  type ModelProvider,
  type Tool,
  type ToolCall
} from './types'

export interface AgentOptions {
  model: ModelProvider
  tools?: Tool[]
  systemPrompt?: string
  budget?: Budget
  checkpoint?: CheckpointStore
  replay?: ReplayCache
  /** Unix seconds. */
  now?: () => number
  runId?: string
  onStep?: (run: Run, step: Step) => void
  /** For tools that declare no timeout; 120 s by default. */
  defaultToolTimeoutMs?: number
}

export type ReviewAction = 'rerun' | 'skip' | 'result'

export interface ContinueOptions {
  /** Appended as a new user turn before the model is asked again. */
  prompt?: string
  /** Resolves a run parked as needs_review (a side-effect tool that may or may not have run). */
  review?: { action: ReviewAction; result?: JsonValue }
}

export const OPENTINE_NATIVE_KIND = 'opentine-native'

function budgetFromManifest(manifest: JsonObject): Budget | undefined {
  const budget = manifest.budget
  if (!isObject(budget)) return undefined
  const read = (value: JsonValue | undefined) =>
    typeof value === 'number' || typeof value === 'bigint' ? toNumber(value) : undefined
  const result: Budget = { onBreach: budget.on_breach === 'raise' ? 'raise' : 'stop' }
  const maxCost = read(budget.max_cost)
  const maxSteps = read(budget.max_steps)
  const maxDuration = read(budget.max_duration)
  if (maxCost !== undefined) result.maxCost = maxCost
  if (maxSteps !== undefined) result.maxSteps = maxSteps
  if (maxDuration !== undefined) result.maxDuration = maxDuration
  return hasLimits(result) ? result : undefined
}

/**
 * created_at in ns for a fresh run id (spec §9.1). Below the millisecond the clock says nothing
 * reliable, so those digits are random: two runs started in the same millisecond get distinct ids.
 */
function creationNanoseconds(now: number): bigint {
  const noise = new Uint32Array(1)
  globalThis.crypto.getRandomValues(noise)
  return BigInt(Math.floor(now * 1000)) * 1_000_000n + BigInt(noise[0] % 1_000_000)
}

export class Agent {
  private active: RunSession | null = null
  private readonly now: () => number

  constructor(private readonly options: AgentOptions) {
    this.now = options.now ?? (() => Date.now() / 1000)
  }

  /** A new agent with some options replaced (the runner adds its checkpoint store and replay cache this way). */
  withOptions(overrides: Partial<AgentOptions>): Agent {
    return new Agent({ ...this.options, ...overrides })
  }

  get isRunning(): boolean {
    return this.active !== null
  }

  /** A new run: status running, then completed, failed or paused. */
  async run(prompt: string): Promise<Run> {
    this.ensureIdle()
    const { model } = this.options
    const now = this.now()
    const run = new Run({
      id: this.options.runId ?? freshRunId(creationNanoseconds(now)),
      createdAt: now,
      status: 'running',
      modelInfo: model.model,
      systemPrompt: this.options.systemPrompt ?? '',
      userPrompt: prompt
    })
    run.manifest = this.newManifest()
    run.transcript.push(userTurn(prompt))
    return this.drive(run, [{ role: 'user', content: prompt }], [], this.options.budget)
  }

  /**
   * Continues `run` in place from where it stopped (see resume-point.ts for the crash points).
   * Refuses a run whose manifest says it is not resumable, and a run parked for review unless
   * `review` says what to do with the tool call in question.
   */
  async continueRun(run: Run, options: ContinueOptions = {}): Promise<Run> {
    this.ensureIdle()
    if (Object.keys(run.manifest).length && !truthy(run.manifest.resume)) {
      throw new AgentError(
        'agent.not-resumable',
        `run ${run.id.slice(0, 12)} is not resumable: its manifest does not say "resume": true`
      )
    }
    const { point, messages } = analyzeResumePoint(run)
    if (point.kind === 'needs-review' && !options.review) {
      throw new AgentError(
        'agent.needs-review',
        `run ${run.id.slice(0, 12)} needs review: tool ${point.call.name} (call ${point.call.id}) may or may not have run; continue with a review action (rerun, skip or result)`
      )
    }
    if (point.kind !== 'needs-review' && options.review) {
      throw new AgentError('agent.invalid-review', `run ${run.id.slice(0, 12)} has no tool call waiting for review`)
    }
    if (options.review?.action === 'result' && options.review.result === undefined) {
      throw new AgentError('agent.invalid-review', 'a review with action "result" needs the result to record')
    }

    this.prepareToContinue(run)
    const queue: WorkItem[] = []
    switch (point.kind) {
      case 'needs-review': {
        const review = options.review!
        delete run.metadata[NEEDS_REVIEW_KEY]
        if (review.action === 'rerun') queue.push({ type: 'call', call: point.call })
        else
          queue.push({
            type: 'call',
            call: point.call,
            decided: {
              action: review.action,
              result: review.action === 'skip' ? obj({ skipped: true }) : review.result!
            }
          })
        for (const call of point.remaining) queue.push({ type: 'call', call })
        break
      }
      case 'inside-tool': {
        const tool = this.options.tools?.find((candidate) => candidate.name === point.call.name)
        if (!tool || (tool.sideEffects && point.idempotencyKey === undefined && !tool.idempotencyKey)) {
          const reason = !tool
            ? `tool ${point.call.name} started but recorded no result, and this agent has no tool of that name`
            : `tool ${point.call.name} has side effects and no idempotency key; it started but recorded no result, so it may or may not have run`
          return this.park(run, point.call, reason)
        }
        // Read-only: run again. Side effects with a key: run again with the same key, so the outside world sees it once.
        queue.push({ type: 'call', call: point.call, idempotencyKey: point.idempotencyKey })
        for (const call of point.remaining) queue.push({ type: 'call', call })
        break
      }
      case 'unfinished-tool-calls':
        for (const call of point.remaining) queue.push({ type: 'call', call })
        break
      case 'after-model-turn':
        if (point.final && options.prompt === undefined) {
          delete run.metadata[PENDING_TOOL_KEY]
          run.status = 'completed'
          await this.options.checkpoint?.settle(run)
          return run
        }
        break
      case 'empty':
        if (options.prompt === undefined) {
          if (!run.userPrompt)
            throw new AgentError(
              'agent.invalid-run',
              `run ${run.id.slice(0, 12)} has no conversation to continue and no prompt was given`
            )
          queue.push({ type: 'prompt', text: run.userPrompt })
        }
        break
      default:
        break
    }
    if (point.kind !== 'inside-tool') delete run.metadata[PENDING_TOOL_KEY]
    if (options.prompt !== undefined) queue.push({ type: 'prompt', text: options.prompt })
    return this.drive(run, messages, queue, this.options.budget ?? budgetFromManifest(run.manifest))
  }

  /** Stop at the next step boundary with status paused. */
  requestPause(): void {
    this.active?.requestPause()
  }

  /** Abort the call in flight now; completed steps are kept, status paused, metadata.cancelled set. */
  cancel(): void {
    this.active?.cancel()
  }

  private ensureIdle(): void {
    if (this.active)
      throw new AgentError(
        'agent.busy',
        'this agent is already running a run; wait for it, pause it or cancel it first'
      )
  }

  private async drive(run: Run, messages: ChatMessage[], queue: WorkItem[], budget: Budget | undefined): Promise<Run> {
    const session = new RunSession(
      {
        model: this.options.model,
        tools: this.options.tools ?? [],
        systemPrompt: run.systemPrompt,
        budget,
        checkpoint: this.options.checkpoint,
        replay: this.options.replay,
        now: this.now,
        onStep: this.options.onStep,
        defaultToolTimeoutMs: this.options.defaultToolTimeoutMs
      },
      run,
      messages
    )
    this.active = session
    try {
      return await session.drive(queue)
    } finally {
      this.active = null
    }
  }

  private async park(run: Run, call: ToolCall, reason: string): Promise<Run> {
    delete run.metadata[PENDING_TOOL_KEY]
    run.metadata[NEEDS_REVIEW_KEY] = obj({ call: toolCallToJson(call), reason })
    run.status = 'paused'
    await this.options.checkpoint?.settle(run)
    return run
  }

  private newManifest(): JsonObject {
    const manifest = obj({
      kind: OPENTINE_NATIVE_KIND,
      model: obj({ name: this.options.model.model }),
      replay: ['cache', 'rerun'],
      resume: true,
      tools: (this.options.tools ?? []).map((tool) => tool.name)
    })
    if (hasLimits(this.options.budget)) manifest.budget = budgetManifest(this.options.budget)
    return manifest
  }

  /** The run now runs under this agent: its model, system prompt, tools and budget (opentine's resume does the same). */
  private prepareToContinue(run: Run): void {
    const { model } = this.options
    run.status = 'running'
    delete run.metadata.cancelled
    delete run.metadata.budget_state
    if (this.options.systemPrompt !== undefined) run.systemPrompt = this.options.systemPrompt
    if (!Object.keys(run.manifest).length) {
      run.manifest = this.newManifest()
      run.modelInfo = model.model
      return
    }
    const manifest = run.manifest
    const previous =
      isObject(manifest.model) && typeof manifest.model.name === 'string' ? manifest.model.name : run.modelInfo
    if (previous !== model.model) {
      const history = arrayOr(manifest.resume_history)
      history.push(obj({ from_model: previous, model: model.model }))
      manifest.resume_history = history
    }
    manifest.model = obj({ ...(isObject(manifest.model) ? manifest.model : {}), name: model.model })
    run.modelInfo = model.model
    if (this.options.tools) manifest.tools = this.options.tools.map((tool) => tool.name)
    if (hasLimits(this.options.budget)) manifest.budget = budgetManifest(this.options.budget)
  }
}
