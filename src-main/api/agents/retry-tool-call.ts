/**
 * Retrying a tool step with edited arguments. The fork keeps the model step that issued the call;
 * only the call in the fork's transcript is rewritten, so the resumed run executes the edited call
 * (its key misses the record) and every later model request, which sees the new result, is asked anew.
 * The model step keeps what the model really answered: recorded steps are never rewritten.
 */
import type { Run } from '../../../src-shared/run/run'
import type { Step } from '../../../src-shared/run/types'
import { canonicalString } from '../../../src-shared/tine/canonical'
import { isTineError } from '../../../src-shared/tine/errors'
import {
  deepCopy,
  isObject,
  jsonEqual,
  obj,
  str,
  type JsonObject,
  type JsonValue
} from '../../../src-shared/tine/json-value'
import { parseArtifactText } from '../../../src-shared/tine/parse'
import { ApiError } from '../../../src-shared/api/api-error'

export const RETRY_CHANGES_KEY = 'retry_changes'

function kindOfValue(value: JsonValue): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'bigint' || typeof value === 'number') return 'a number'
  return `a ${typeof value}`
}

/** The edited arguments, parsed with the core's parser so ints and floats stay apart. */
export function parseToolArguments(text: string): JsonObject {
  let value: JsonValue
  try {
    value = parseArtifactText(text)
  } catch (error) {
    throw new ApiError(
      'bad-request',
      `the edited tool arguments are not valid JSON: ${isTineError(error) ? error.message : String(error)}`
    )
  }
  if (!isObject(value))
    throw new ApiError('bad-request', `the edited tool arguments must be a JSON object, not ${kindOfValue(value)}`)
  return value
}

/** The tool step to edit, refused for any other kind of step. */
export function toolStepOf(source: Run, stepId: string): Step {
  const step = source.getStep(stepId)!
  if (step.kind !== 'tool') {
    throw new ApiError(
      'bad-request',
      `tool arguments can only be edited on a tool step; step ${stepId.slice(0, 12)} is a ${step.kind || 'kindless'} step`
    )
  }
  if (step.parentIds.length === 0) {
    throw new ApiError(
      'bad-request',
      `tool step ${stepId.slice(0, 12)} is a root step: no model turn before it issued the call, so there is nothing to edit`
    )
  }
  return step
}

/**
 * Where to fork before the call: before the step, or, for a failed call, before the error step
 * recorded just ahead of it (same inputs), so the failure does not linger in the fork.
 */
export function retryPointOfToolStep(source: Run, step: Step): string {
  const parentId = step.parentIds[step.parentIds.length - 1]
  const parent = source.getStep(parentId)
  const failedFirst =
    parent && parent.kind === 'error' && parent.parentIds.length > 0 && jsonEqual(parent.inputs, step.inputs)
  return failedFirst ? parentId : step.id
}

/**
 * The call of `step` in the fork's last assistant turn (the batch still waiting for results):
 * same name and arguments, not answered yet.
 */
export function pendingCallOf(fork: Run, step: Step): JsonObject {
  const name = str(step.inputs.name)
  const recorded = isObject(step.inputs.arguments) ? canonicalString(step.inputs.arguments) : undefined
  let assistantAt = -1
  for (let i = fork.transcript.length - 1; i >= 0 && assistantAt < 0; i--) {
    const turn = fork.transcript[i]
    if (isObject(turn) && turn.role === 'assistant') assistantAt = i
  }
  const answered = new Set<string>()
  for (const turn of fork.transcript.slice(assistantAt + 1))
    if (isObject(turn) && turn.role === 'tool') answered.add(str(turn.tool_call_id))
  const assistant = assistantAt >= 0 ? (fork.transcript[assistantAt] as JsonObject) : undefined
  const calls = assistant && Array.isArray(assistant.tool_calls) ? assistant.tool_calls : []
  const call = calls.find(
    (candidate): candidate is JsonObject =>
      isObject(candidate) &&
      candidate.name === name &&
      isObject(candidate.arguments) &&
      canonicalString(candidate.arguments) === recorded &&
      !answered.has(str(candidate.id))
  )
  if (!call) {
    throw new ApiError(
      'bad-request',
      `cannot edit tool step ${step.id.slice(0, 12)}: the transcript before it has no unanswered ${name || 'tool'} call with its arguments`
    )
  }
  return call
}

/** Rewrites the call in the fork's last assistant turn and records the edit in metadata.retry_changes. */
export function applyToolArguments(fork: Run, step: Step, edited: JsonObject): void {
  const call = pendingCallOf(fork, step)
  call.arguments = deepCopy(edited)
  fork.metadata[RETRY_CHANGES_KEY] = obj({ step: step.id, tool_arguments: deepCopy(edited) })
}
