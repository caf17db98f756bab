/**
 * agents.start ("New run…") and agents.control (pause, resume, cancel). A new run is written to
 * `<folder>/.tine_runs/<run id>.tine`; the answer comes once that file exists.
 */
import { NEEDS_REVIEW_KEY } from '../../../src-shared/agents/types'
import { type RequestOf } from '../../../src-shared/api/contract'
import type { ActiveRunView, AgentStartedView } from '../../../src-shared/api/agent-types'
import type { Run } from '../../../src-shared/run/run'
import { BUILTIN_TOOL_NAMES } from '../../agents/tools'
import { refuseUnwritable } from '../actions/run-on-disk'
import { confinedRunFile } from '../path-guard'
import { agentSpecOf } from './agent-spec'
import type { AgentContext } from './context'
import { credentialsOf } from './credentials'
import { runsDirFor, toolFolderFor } from './folders'
import { recordAppRun, resumeChoice } from './local-agent'
import { loadForAgent } from './load-for-agent'
import { ApiError } from '../../../src-shared/api/api-error'

/** Refuses tool names that are not built in. */
export function checkToolNames(tools: string[]): void {
  const unknown = tools.filter((name) => !(BUILTIN_TOOL_NAMES as readonly string[]).includes(name))
  if (unknown.length)
    throw new ApiError(
      'bad-request',
      `unknown tool(s): ${unknown.join(', ').slice(0, 200)} (the built-in tools are ${BUILTIN_TOOL_NAMES.join(', ')})`
    )
}

export async function startAction(
  context: AgentContext,
  request: RequestOf<'agents.start'>
): Promise<AgentStartedView> {
  const runsDir = await runsDirFor(context.registry, request.folder)
  checkToolNames(request.tools)
  const toolFolder = request.tools.length
    ? await toolFolderFor(context.registry, request.toolRoot ?? request.folder)
    : undefined
  const credentials = await credentialsOf(context.environment)
  const agentSpec = agentSpecOf(
    {
      provider: request.provider,
      model: request.model,
      systemPrompt: request.systemPrompt,
      tools: [...new Set(request.tools)],
      toolFolder,
      budget: request.budget
    },
    credentials
  )
  if (request.stepDelayMs !== undefined && request.provider === 'offline') agentSpec.stepDelayMs = request.stepDelayMs
  const view = await context.manager.launch({ mode: 'run', runsDir, agentSpec, prompt: request.prompt })
  await recordAppRun(context, view, agentSpec)
  return { file: view.file, runId: view.runId }
}

export async function controlAction(
  context: AgentContext,
  request: RequestOf<'agents.control'>
): Promise<ActiveRunView> {
  const file = await confinedRunFile(context.registry, request.file)
  const { manager } = context
  if (request.action === 'pause') return manager.pause(file)
  if (request.action === 'cancel') return manager.cancel(file)
  if (manager.isExecuting(file)) return manager.resume(file)
  const run = await loadForAgent(file)
  refuseUnwritable(run, 'in-place')
  if (run.metadata[NEEDS_REVIEW_KEY] !== undefined)
    throw new ApiError(
      'needs-review',
      'this run waits for a review of a tool call: re-run it, skip it or give its result'
    )
  if (run.status === 'completed' || run.status === 'failed') {
    throw new ApiError(
      'bad-request',
      `this run is ${run.status}; fork it (retry or branch a step) and continue the fork`
    )
  }
  if (manager.has(file)) return manager.resume(file)
  return resumeFromDisk(context, file, run)
}

/**
 * Resume of a run no agent is executing here (paused before a reload of the server, or cut off by a
 * crash): a runner continues it with the agent this machine recorded for it.
 */
async function resumeFromDisk(context: AgentContext, file: string, run: Run): Promise<ActiveRunView> {
  const { choice, baseUrl } = await resumeChoice(context, run, file)
  const agentSpec = agentSpecOf(choice, await credentialsOf(context.environment))
  if (baseUrl) agentSpec.baseUrl = baseUrl
  return context.manager.launch({ mode: 'continue', file, agentSpec })
}
