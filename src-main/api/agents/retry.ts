/**
 * agents.retry ("Retry this step with changes…"): fork before the step, apply the edits (prompt,
 * system prompt, provider/model, a tool step's arguments), write the fork beside its source and continue it through a
 * runner. The retained steps are in the fork already; the source's record is handed to the runner
 * as its replay source, so calls that match the record are served from it rather than paid again.
 */
import { type RequestOf } from '../../../src-shared/api/contract'
import type { AgentStartedView } from '../../../src-shared/api/agent-types'
import { userTurn } from '../../../src-shared/agents/transcript'
import { forkRun } from '../../../src-shared/run/fork'
import { Run } from '../../../src-shared/run/run'
import { recordIntegrityOverride } from '../../../src-shared/run/tamper'
import { isTineError } from '../../../src-shared/tine/errors'
import { freshRunId } from '../../../src-shared/tine/ids'
import { truthy } from '../../../src-shared/tine/integrity'
import { deepCopy, isObject, obj, type JsonObject } from '../../../src-shared/tine/json-value'
import { refuseUnwritable, writeBesideSource } from '../actions/run-on-disk'
import { confinedRunFile } from '../path-guard'
import { agentSpecOf, recordedChoice, type AgentChoice } from './agent-spec'
import type { AgentContext } from './context'
import { credentialsOf } from './credentials'
import {
  applyToolArguments,
  parseToolArguments,
  RETRY_CHANGES_KEY,
  retryPointOfToolStep,
  toolStepOf
} from './retry-tool-call'
import { recordAppRun } from './local-agent'
import { loadForAgent } from './load-for-agent'
import { ApiError } from '../../../src-shared/api/api-error'

export const RETRY_REASON = 'retry with changes'

type Changes = RequestOf<'agents.retry'>['changes']

/** The source's agent with the edits applied; a run the app did not start needs a provider in the edits. */
async function choiceFor(context: AgentContext, source: Run, changes: Changes): Promise<AgentChoice> {
  let choice: AgentChoice
  try {
    choice = await recordedChoice(context.registry, source)
  } catch (error) {
    if (!changes.provider) throw error
    choice = { provider: changes.provider, model: changes.model ?? changes.provider, tools: [] }
  }
  if (changes.provider) choice.provider = changes.provider
  if (changes.model) choice.model = changes.model
  if (changes.systemPrompt !== undefined) choice.systemPrompt = changes.systemPrompt
  return choice
}

/** What the runner records in metadata.agent, so a later resume uses the edited agent. */
function originOf(choice: AgentChoice): JsonObject {
  return obj({
    spec: obj({ provider: choice.provider, model: choice.model, tools: [...choice.tools], folder: choice.toolFolder })
  })
}

/** Retrying the first step: nothing precedes it, so the fork holds only the (edited) user turn. */
export function seedBeforeRoot(source: Run, prompt: string): Run {
  const now = Date.now()
  const run = new Run({
    id: freshRunId(BigInt(now) * 1_000_000n + BigInt(Math.floor(Math.random() * 1_000_000))),
    createdAt: now / 1000,
    status: 'paused',
    modelInfo: source.modelInfo,
    systemPrompt: source.systemPrompt,
    userPrompt: prompt
  })
  run.transcript.push(userTurn(prompt))
  const manifest = deepCopy(source.manifest)
  delete manifest.resume_history
  delete manifest.pricing
  run.manifest = manifest
  run.policies = deepCopy(source.policies)
  run.metadata = obj({ forked_from: source.id })
  return run
}

/**
 * The fork to continue, and the prompt the agent appends (undefined when the edit went into the
 * fork itself: a fork that ends with the user turn gets that turn rewritten instead).
 */
export function buildRetry(
  source: Run,
  stepId: string,
  prompt: string | undefined,
  toolArgumentsJson: string | undefined,
  intent: JsonObject = obj({ reason: RETRY_REASON })
): { run: Run; appendPrompt?: string } {
  let id: string
  try {
    id = source.resolve(stepId)
  } catch (error) {
    throw new ApiError('bad-request', isTineError(error) ? error.message : String(error))
  }
  // Validated before anything is forked, so a refused edit writes nothing.
  const toolEdit =
    toolArgumentsJson === undefined
      ? undefined
      : { step: toolStepOf(source, id), edited: parseToolArguments(toolArgumentsJson) }
  if (source.getStep(id)!.parentIds.length === 0) return { run: seedBeforeRoot(source, prompt ?? source.userPrompt) }
  let run: Run
  try {
    const at = toolEdit ? retryPointOfToolStep(source, toolEdit.step) : id
    run = forkRun(source, { at, mode: 'before', intent }).run
  } catch (error) {
    throw new ApiError('bad-request', isTineError(error) ? error.message : String(error))
  }
  // A fork of an earlier retry must not carry that retry's edit as if it were this one's.
  delete run.metadata[RETRY_CHANGES_KEY]
  if (toolEdit) applyToolArguments(run, toolEdit.step, toolEdit.edited)
  if (prompt === undefined) return { run }
  const last = run.transcript[run.transcript.length - 1]
  if (isObject(last) && last.role === 'user') {
    if (last.content === run.userPrompt) run.userPrompt = prompt
    last.content = prompt
    return { run }
  }
  return { run, appendPrompt: prompt }
}

export async function retryAction(
  context: AgentContext,
  request: RequestOf<'agents.retry'>
): Promise<AgentStartedView> {
  const sourceFile = await confinedRunFile(context.registry, request.file)
  const source = await loadForAgent(sourceFile)
  const overridden = refuseUnwritable(source, 'fork', request.overrideIntegrity === true)
  if (Object.keys(source.manifest).length && !truthy(source.manifest.resume)) {
    throw new ApiError(
      'not-resumable',
      `run ${source.id.slice(0, 12)} is not resumable: its manifest does not say "resume": true`
    )
  }
  const choice = await choiceFor(context, source, request.changes)
  const agentSpec = agentSpecOf(choice, await credentialsOf(context.environment))
  const prompt = request.changes.prompt?.trim() ? request.changes.prompt : undefined
  const { run, appendPrompt } = buildRetry(source, request.stepId, prompt, request.changes.toolArgumentsJson)
  run.metadata.fork_reason = RETRY_REASON
  run.metadata.agent = originOf(choice)
  if (overridden) recordIntegrityOverride(run, source, 'retry', overridden)
  if (choice.systemPrompt !== undefined) run.systemPrompt = choice.systemPrompt

  const target = await writeBesideSource(run, sourceFile)
  // A source opened on its own allows only itself; its fork is then opened the same way.
  if (!context.registry.allows(target)) await context.openPaths([target])
  const view = await context.manager.launch({
    mode: 'continue',
    file: target,
    // A record that failed its check serves nothing: with the override every call is asked anew.
    sourceFile: overridden ? undefined : sourceFile,
    agentSpec,
    prompt: appendPrompt
  })
  await recordAppRun(context, view, agentSpec)
  return { file: view.file, runId: view.runId }
}
