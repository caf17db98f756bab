import type { JsonObject, JsonValue } from '../tine/json-value'

export const RUN_STATUSES = ['running', 'paused', 'completed', 'failed'] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

export const STEP_KINDS = ['think', 'tool', 'model', 'done', 'error'] as const
export type StepKind = (typeof STEP_KINDS)[number]

export function isRunStatus(value: unknown): value is RunStatus {
  return typeof value === 'string' && (RUN_STATUSES as readonly string[]).includes(value)
}

/** One step of the run's DAG (spec §3). Field names are camelCase; the file uses snake_case. */
export interface Step {
  id: string
  parentIds: string[]
  kind: string
  inputs: JsonObject
  outputs: JsonObject
  modelInfo: string
  toolInfo: JsonObject
  error: JsonObject
  /** Unix seconds. */
  timestamp: number
  /** Seconds. */
  duration: number
  /** USD. */
  cost: number
  usage?: JsonObject
  billing?: JsonObject
  causalIds?: string[]
  provider?: string
  v3Kind?: string
  /** Step keys this version does not know, kept so a re-save loses nothing. */
  extra?: JsonObject
}

export interface AddStepOptions {
  kind: StepKind | string
  inputs?: JsonObject
  outputs?: JsonObject
  /** Parent ids or unique prefixes; defaults to the tip of `ref`. */
  parentIds?: string[]
  modelInfo?: string
  toolInfo?: JsonObject
  error?: JsonObject
  timestamp?: number
  duration?: number
  cost?: number
  usage?: JsonObject
  billing?: JsonObject
  causalIds?: string[]
  provider?: string
  /** The branch to advance; `main` by default. */
  ref?: string
  /** A caller-chosen id instead of the content hash (opentine allows it; the GUI demos use it). */
  id?: string
}

export type { JsonObject, JsonValue }
