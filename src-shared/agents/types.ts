/**
 * The agent contract: what a model provider, a tool and a checkpoint store must provide.
 * Pure types; providers and file I/O are injected by src-main.
 */
import type { JsonObject, JsonValue } from '../tine/json-value'
import type { Run } from '../run/run'
import type { Step } from '../run/types'

/** One message of the provider-neutral conversation (mirrors transcript turns, spec §19). */
export type ChatMessage =
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[]; providerNative?: JsonObject }
  | { role: 'tool'; content: string; toolCallId: string; name: string }

export interface ToolCall {
  id: string
  name: string
  arguments: JsonObject
}

export interface ToolSpec {
  name: string
  description: string
  /** JSON schema of the arguments object. */
  parameters: Record<string, unknown>
}

export interface ModelRequest {
  model: string
  system: string
  messages: ChatMessage[]
  tools: ToolSpec[]
  maxTokens?: number
}

/** Token counts with opentine's names (spec §3 usage). */
export interface TokenUsage {
  input: number
  output: number
  cache_read?: number
  cache_write_5m?: number
  reasoning?: number
}

export interface ModelResponse {
  text: string
  toolCalls: ToolCall[]
  refusal?: string
  usage: TokenUsage
  /** USD for this call when the provider knows its price; else computed from a price table or 0. */
  cost?: number
  stopReason?: string
  /** Provider-native keys kept in the transcript (content_blocks, anthropic_content, ...). */
  providerNative?: JsonObject
}

export interface ModelProvider {
  /** e.g. "anthropic", "openai", "openai-compatible", "offline". */
  readonly provider: string
  /** The model name recorded as model_info. */
  readonly model: string
  complete(request: ModelRequest, options: { signal: AbortSignal }): Promise<ModelResponse>
}

export interface ToolContext {
  signal: AbortSignal
  /** Set when the tool declares one; passed to the outside world so a re-run is seen once. */
  idempotencyKey?: string
}

export interface Tool {
  name: string
  description: string
  parameters: Record<string, unknown>
  /** Milliseconds before the call is aborted and recorded as an error step. */
  timeoutMs?: number
  /** A tool with side effects is never re-run blindly after a crash inside it: it may or may not have run. */
  sideEffects: boolean
  idempotencyKey?: (args: JsonObject) => string
  run(args: JsonObject, context: ToolContext): Promise<JsonValue>
}

export interface Budget {
  maxCost?: number
  maxSteps?: number
  /** Seconds. */
  maxDuration?: number
  onBreach?: 'stop' | 'raise'
}

/**
 * Where every completed step goes the moment it completes (crash safety). The agent calls
 * these in order and awaits each; src-main implements them with a journal + atomic folds.
 */
export interface CheckpointStore {
  /** A step completed; the run already holds it. */
  stepCompleted(run: Run, step: Step): Promise<void>
  /** A side-effect tool is about to start (recorded so a crash inside it is detected). */
  toolStarting(run: Run, call: ToolCall, idempotencyKey: string | undefined): Promise<void>
  /**
   * A user turn was added to the transcript with no step (a resume prompt); make it durable.
   * Called before the model is asked about it, so a crash inside that call keeps the prompt.
   */
  turnAdded?(run: Run): Promise<void>
  /** Run ended, paused, or was cancelled: write the final (or paused) file, clear drafts/journals. */
  settle(run: Run): Promise<void>
}

/** Metadata key that parks a run whose side-effect tool may or may not have run (needs review). */
export const NEEDS_REVIEW_KEY = 'needs_review'
/** Metadata key of the side-effect tool call in flight, cleared when its step lands. */
export const PENDING_TOOL_KEY = 'pending_tool'
/** Metadata key recording where replayed steps came from. */
export const REPLAY_PROVENANCE_KEY = 'replay'
