/**
 * The messages between the app (or CLI) and a runner child process, over Node's IPC channel.
 * Everything is plain JSON: no bigint, no class instances.
 */
import type { StepSummary } from '../../../src-shared/api/types'

export type RunnerMode = 'run' | 'continue' | 'rerun'

/** How the app describes an agent when it has no script: a provider, a model, built-in tools. */
export interface AgentSpec {
  /** "offline", "anthropic", "openai" or "openai-compatible". */
  provider: string
  model: string
  baseUrl?: string
  systemPrompt?: string
  /** Names of built-in tools (list_files, read_file, search_text). */
  tools?: string[]
  /** The folder the built-in read-only tools are scoped to. */
  folder?: string
  /** The offline model only: milliseconds each model step waits (a human pace). */
  stepDelayMs?: number
  budget?: { maxCost?: number; maxSteps?: number; maxDuration?: number; onBreach?: 'stop' | 'raise' }
}

export type ReviewDecision = { action: 'rerun' | 'skip' } | { action: 'result'; result: unknown }

export interface RunnerOptions {
  mode: RunnerMode
  /**
   * run/rerun: where the new run is saved (default `<runsDir>/<new run id>.tine`);
   * continue: the run file to continue in place.
   */
  file?: string
  /** Folder for new runs when `file` is not given (default `.tine_runs`). */
  runsDir?: string
  /** rerun: the recorded run whose model and tool calls are served from its record. */
  sourceFile?: string
  /** A TypeScript/JavaScript module whose default export (or `agent`) is an Agent. */
  agentScript?: string
  agentSpec?: AgentSpec
  prompt?: string
  /** continue: how to resolve a run parked as needing review. */
  review?: ReviewDecision
  /** API keys by provider; passed over IPC, never through argv or the file. */
  apiKeys?: Record<string, string>
}

export type ParentMessage = { type: 'start'; options: RunnerOptions } | { type: 'pause' } | { type: 'cancel' }

export interface RunnerOutcome {
  runId: string
  file: string
  status: string
  stepCount: number
  /** Set when the run was parked because a side-effect call may or may not have happened. */
  needsReview?: unknown
  cancelled?: boolean
}

export type ChildMessage =
  | { type: 'status'; runId: string; file: string; status: string }
  | { type: 'step'; runId: string; file: string; step: StepSummary; stepCount: number }
  | ({ type: 'paused' } & RunnerOutcome)
  | ({ type: 'finished' } & RunnerOutcome)
  | { type: 'error'; message: string }
