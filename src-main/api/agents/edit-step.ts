/**
 * Edit before continuing: a new fork of the run in which one step is replaced by the user's edit.
 * A tool result or a model output is written as a new step (same inputs, the edited outputs) with
 * the matching transcript turn, so the agent continues from what the user wrote. An input edit (a
 * model step's prompt, a tool call's arguments) rewrites the conversation before the step; the agent
 * writes the new step when it continues. The source is only read.
 *
 * The edit is marked where the format allows application data: `metadata.edit` ({original, step,
 * target}) and the fork intent ({reason, edit: {original, target}}), whose hash is part of the fork id.
 */
import type { EditTarget } from '../../../src-shared/api/agent-types'
import {
  assistantTurn,
  toolCallFromJson,
  toolResultContent,
  toolTurn,
  userTurn
} from '../../../src-shared/agents/transcript'
import type { ToolCall } from '../../../src-shared/agents/types'
import { forkRun } from '../../../src-shared/run/fork'
import type { Run } from '../../../src-shared/run/run'
import type { Step } from '../../../src-shared/run/types'
import { isTineError, messageOf } from '../../../src-shared/tine/errors'
import {
  deepCopy,
  isObject,
  newObject,
  obj,
  str,
  type JsonObject,
  type JsonValue
} from '../../../src-shared/tine/json-value'
import { parseArtifactText } from '../../../src-shared/tine/parse'
import { buildRetry, seedBeforeRoot } from './retry'
import { pendingCallOf, RETRY_CHANGES_KEY, retryPointOfToolStep, toolStepOf } from './retry-tool-call'
import { ApiError } from '../../../src-shared/api/api-error'

export const EDIT_REASON = 'edit before continuing'
export const EDIT_KEY = 'edit'

const MODEL_KINDS = new Set(['think', 'model', 'done'])

export interface EditedFork {
  run: Run
  /** The new step holding the edit; null for an input edit. */
  stepId: string | null
  forkPoint: string
}

function badRequest(error: unknown): ApiError {
  return new ApiError('bad-request', messageOf(error))
}

function parseJson(text: string, what: string): JsonValue {
  try {
    return parseArtifactText(text)
  } catch (error) {
    throw new ApiError(
      'bad-request',
      `the edited ${what} is not valid JSON (write a string in double quotes): ${isTineError(error) ? error.message : String(error)}`
    )
  }
}

function stepOf(source: Run, stepId: string): Step {
  try {
    return source.getStep(source.resolve(stepId))!
  } catch (error) {
    throw badRequest(error)
  }
}

function intentOf(original: string, target: EditTarget): JsonObject {
  return obj({ reason: EDIT_REASON, edit: obj({ original, target }) })
}

/** A fork that ends just before `at` (its primary parent is the tip), or a fresh run holding only the prompt for a root step. */
function forkBefore(
  source: Run,
  at: string,
  original: string,
  target: EditTarget
): { run: Run; forkPoint: string | null } {
  const step = source.getStep(at)!
  if (step.parentIds.length === 0) return { run: seedBeforeRoot(source, source.userPrompt), forkPoint: null }
  try {
    const result = forkRun(source, { at, mode: 'before', intent: intentOf(original, target) })
    return { run: result.run, forkPoint: result.forkPoint }
  } catch (error) {
    throw badRequest(error)
  }
}

function editedToolResult(source: Run, step: Step, result: JsonValue): EditedFork {
  const tool = toolStepOf(source, step.id)
  const { run, forkPoint } = forkBefore(source, retryPointOfToolStep(source, tool), tool.id, 'tool-result')
  const call = toolCallFromJson(pendingCallOf(run, tool)) as ToolCall
  const edited = run.addStep({
    kind: 'tool',
    inputs: deepCopy(tool.inputs),
    outputs: obj({ result }),
    toolInfo: deepCopy(tool.toolInfo),
    timestamp: Date.now() / 1000
  })
  run.transcript.push(toolTurn(edited.id, call, toolResultContent(result)))
  return { run, stepId: edited.id, forkPoint: forkPoint ?? edited.id }
}

/** The kind a model turn with this text and these calls is recorded as (spec §3). */
function modelKind(text: string, calls: unknown[]): string {
  if (calls.length) return text ? 'think' : 'model'
  return text ? 'done' : 'model'
}

function editedModelOutput(source: Run, step: Step, text: string): EditedFork {
  if (!MODEL_KINDS.has(step.kind))
    throw new ApiError(
      'bad-request',
      `a model output can only be edited on a model step; step ${step.id.slice(0, 12)} is a ${step.kind || 'kindless'} step`
    )
  const { run, forkPoint } = forkBefore(source, step.id, step.id, 'model-output')
  const calls = (Array.isArray(step.outputs.tool_calls) ? step.outputs.tool_calls : [])
    .map(toolCallFromJson)
    .filter((call): call is ToolCall => call !== undefined)
  const outputs = isObject(step.outputs) ? deepCopy(step.outputs) : newObject()
  outputs.text = text
  const edited = run.addStep({
    kind: modelKind(text, calls),
    inputs: deepCopy(step.inputs),
    outputs,
    modelInfo: step.modelInfo,
    provider: step.provider,
    timestamp: Date.now() / 1000
  })
  // No provider-native blocks: they hold the model's own wording, which the edit replaced.
  run.transcript.push(assistantTurn(edited.id, text, calls))
  return { run, stepId: edited.id, forkPoint: forkPoint ?? edited.id }
}

function editedInput(source: Run, step: Step, value: string): EditedFork {
  const isTool = step.kind === 'tool'
  const intent = intentOf(step.id, 'input')
  let built: ReturnType<typeof buildRetry>
  try {
    built = isTool
      ? buildRetry(source, step.id, undefined, value, intent)
      : buildRetry(source, step.id, value, undefined, intent)
  } catch (error) {
    throw error instanceof ApiError ? error : badRequest(error)
  }
  const { run, appendPrompt } = built
  // The continuation is started later, from the Continue form: the new prompt must be in the fork itself.
  if (appendPrompt !== undefined) run.transcript.push(userTurn(appendPrompt))
  delete run.metadata[RETRY_CHANGES_KEY]
  return { run, stepId: null, forkPoint: str(run.metadata.fork_point) || run.refs.main || '' }
}

/** The fork holding the edit, marked as an edit of `stepId`. */
export function buildEditedFork(source: Run, stepId: string, target: EditTarget, value: string): EditedFork {
  const step = stepOf(source, stepId)
  let fork: EditedFork
  if (target === 'tool-result') fork = editedToolResult(source, step, parseJson(value, 'tool result'))
  else if (target === 'model-output') fork = editedModelOutput(source, step, value)
  else fork = editedInput(source, step, value)
  const { run } = fork
  delete run.metadata[RETRY_CHANGES_KEY]
  run.metadata[EDIT_KEY] = obj({ original: step.id, step: fork.stepId ?? undefined, target })
  run.metadata.fork_reason = `${EDIT_REASON}: step ${step.id.slice(0, 12)} (${target})`
  return fork
}
