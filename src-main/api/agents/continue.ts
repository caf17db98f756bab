/**
 * "Continue this run…": agents.continueInfo prefills the form (the recorded agent, which of its
 * tools this app has), agents.continue runs the agent from the run's tip, in place, with the agent
 * the user chose. Calls whose request matches the origin's record (a fork's source) are replayed.
 */
import { type RequestOf } from '../../../src-shared/api/contract'
import type { AgentStartedView, ContinueInfoView } from '../../../src-shared/api/agent-types'
import { NEEDS_REVIEW_KEY } from '../../../src-shared/agents/types'
import type { Run } from '../../../src-shared/run/run'
import { recordIntegrityOverride } from '../../../src-shared/run/tamper'
import { serializeRun } from '../../../src-shared/run/save'
import { messageOf } from '../../../src-shared/tine/errors'
import { truthy } from '../../../src-shared/tine/integrity'
import { promises as fs } from 'node:fs'
import { writeFileAtomic } from '../../store/atomic-write'
import { journalPathFor } from '../../store/journal'
import { isObject, str } from '../../../src-shared/tine/json-value'
import { BUILTIN_TOOL_NAMES } from '../../agents/tools'
import { findLocalRun } from '../../store/local-runs'
import { writeRefusal, refuseUnwritable } from '../actions/run-on-disk'
import { confinedRunFile } from '../path-guard'
import { agentSpecOf } from './agent-spec'
import type { AgentContext } from './context'
import { credentialsOf } from './credentials'
import { toolFolderFor } from './folders'
import { localRecordOf, recordAppRun, recordedToolFolder } from './local-agent'
import { originFileOf } from './origin-file'
import { loadForAgent } from './load-for-agent'
import { checkToolNames } from './start'
import { ApiError } from '../../../src-shared/api/api-error'

/**
 * Why `run` cannot be continued in place, or null. A failed integrity check is left out when the
 * user may override it (the form asks for that confirmation itself).
 */
function continueBlock(context: AgentContext, file: string, run: Run, overrideIntegrity: boolean): string | null {
  const refusal = writeRefusal(run, 'in-place', overrideIntegrity)
  if (refusal) return refusal
  if (context.manager.isExecuting(file)) return 'an agent is running it right now'
  if (run.status === 'completed' || run.status === 'failed')
    return `it is ${run.status}: branch after a step and continue the fork`
  if (run.metadata[NEEDS_REVIEW_KEY] !== undefined)
    return 'it waits for a review of a tool call: re-run it, skip it or give its result'
  if (Object.keys(run.manifest).length && !truthy(run.manifest.resume))
    return 'its manifest does not say "resume": true'
  return null
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined
}

/** Provider, model and tools as recorded: by this machine for the run or its origin, else as the file describes them (a suggestion only). */
async function recordedAgent(context: AgentContext, file: string, run: Run) {
  const own = await localRecordOf(context, run, file)
  const forkedFrom = str(run.metadata.forked_from)
  const origin = own ?? (forkedFrom ? await findLocalRun(context.dataDir, forkedFrom) : undefined)
  if (origin?.agent.kind === 'app')
    return { recordedHere: true, provider: origin.agent.provider, model: origin.agent.model, tools: origin.agent.tools }
  const meta = run.metadata.agent
  const spec = isObject(meta) && isObject(meta.spec) ? meta.spec : undefined
  const manifestModel = isObject(run.manifest.model) ? str(run.manifest.model.name) : ''
  return {
    recordedHere: false,
    provider: spec ? str(spec.provider) || null : null,
    model: (spec ? str(spec.model) : '') || manifestModel || run.modelInfo || null,
    tools: stringList(spec?.tools) ?? stringList(run.manifest.tools) ?? []
  }
}

export async function continueInfoAction(
  context: AgentContext,
  request: RequestOf<'agents.continueInfo'>
): Promise<ContinueInfoView> {
  const file = await confinedRunFile(context.registry, request.file)
  const run = await loadForAgent(file)
  const agent = await recordedAgent(context, file, run)
  const builtin = BUILTIN_TOOL_NAMES as readonly string[]
  const toolRoot = await recordedToolFolder(context, run).catch(() => undefined)
  return {
    file,
    runId: run.id,
    status: run.status,
    recordedHere: agent.recordedHere,
    provider: agent.provider,
    model: agent.model,
    tools: agent.tools.filter((name) => builtin.includes(name)),
    missingTools: agent.tools.filter((name) => !builtin.includes(name)),
    toolRoot: toolRoot ?? null,
    originFile: originFileOf(context.registry, run),
    blocked: continueBlock(context, file, run, true)
  }
}

/**
 * Re-saves the run with the override recorded before the agent continues it, so its fresh digest
 * never passes the edited content off as original. The journal's steps are in the saved file.
 */
async function recordOverrideInPlace(file: string, run: Run, reason: string): Promise<void> {
  recordIntegrityOverride(run, run, 'continue', reason)
  try {
    await writeFileAtomic(file, serializeRun(run))
  } catch (error) {
    throw new ApiError('write-failed', `cannot write ${file}: ${messageOf(error)}`)
  }
  await fs.rm(journalPathFor(file), { force: true })
}

/** The origin to replay from; an origin that fails its own integrity check serves nothing. */
async function trustedOrigin(context: AgentContext, run: Run): Promise<string | undefined> {
  const origin = originFileOf(context.registry, run)
  if (!origin) return undefined
  try {
    return writeRefusal(await loadForAgent(origin), 'fork') === null ? origin : undefined
  } catch {
    return undefined
  }
}

export async function continueAction(
  context: AgentContext,
  request: RequestOf<'agents.continue'>
): Promise<AgentStartedView> {
  const file = await confinedRunFile(context.registry, request.file)
  const run = await loadForAgent(file)
  // The same integrity rule as a fork: a tampered run is continued only on the user's explicit override.
  const overridden = refuseUnwritable(run, 'in-place', request.overrideIntegrity === true)
  const blocked = continueBlock(context, file, run, overridden !== null)
  if (blocked)
    throw new ApiError(
      context.manager.isExecuting(file) ? 'conflict' : 'bad-request',
      `cannot continue this run: ${blocked}`
    )
  const tools = [...new Set(request.tools)]
  checkToolNames(tools)
  let toolFolder: string | undefined
  if (tools.length) {
    const requested = request.toolRoot ?? (await recordedToolFolder(context, run).catch(() => undefined))
    if (!requested) throw new ApiError('bad-request', 'name the folder the tools may read')
    toolFolder = await toolFolderFor(context.registry, requested)
  }
  const agentSpec = agentSpecOf(
    {
      provider: request.provider,
      model: request.model,
      systemPrompt: request.systemPrompt,
      tools,
      toolFolder,
      budget: request.budget
    },
    await credentialsOf(context.environment)
  )
  if (request.stepDelayMs !== undefined && request.provider === 'offline') agentSpec.stepDelayMs = request.stepDelayMs
  const prompt = request.prompt?.trim() ? request.prompt : undefined
  const sourceFile = await trustedOrigin(context, run)
  if (overridden) await recordOverrideInPlace(file, run, overridden)
  const view = await context.manager.launch({ mode: 'continue', file, agentSpec, prompt, sourceFile })
  await recordAppRun(context, view, agentSpec)
  return { file: view.file, runId: view.runId }
}
