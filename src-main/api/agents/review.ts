/**
 * agents.review: resolve a run parked as "needs review" (a side-effect tool that may or may not
 * have run): run the call again, skip it, or record the result the user gives. A runner then
 * continues the run from there.
 */
import { type RequestOf } from '../../../src-shared/api/contract'
import type { AgentStartedView } from '../../../src-shared/api/agent-types'
import { NEEDS_REVIEW_KEY } from '../../../src-shared/agents/types'
import type { ReviewDecision } from '../../agents/runner/protocol'
import { refuseUnwritable } from '../actions/run-on-disk'
import { confinedRunFile } from '../path-guard'
import { agentSpecOf } from './agent-spec'
import type { AgentContext } from './context'
import { credentialsOf } from './credentials'
import { resumeChoice } from './local-agent'
import { loadForAgent } from './load-for-agent'
import { ApiError } from '../../../src-shared/api/api-error'

function decisionOf(request: RequestOf<'agents.review'>): ReviewDecision {
  if (request.action !== 'result') return { action: request.action }
  if (request.result === undefined) throw new ApiError('bad-request', 'give the result to record for the tool call')
  return { action: 'result', result: request.result }
}

export async function reviewAction(
  context: AgentContext,
  request: RequestOf<'agents.review'>
): Promise<AgentStartedView> {
  const file = await confinedRunFile(context.registry, request.file)
  const review = decisionOf(request)
  if (context.manager.isExecuting(file)) throw new ApiError('conflict', 'an agent is running this run right now')
  const run = await loadForAgent(file)
  refuseUnwritable(run, 'in-place')
  if (run.metadata[NEEDS_REVIEW_KEY] === undefined)
    throw new ApiError('bad-request', 'this run has no tool call waiting for review')
  // Only an agent this machine recorded for the run continues it; a file never picks one.
  const { choice, baseUrl } = await resumeChoice(context, run, file)
  const agentSpec = agentSpecOf(choice, await credentialsOf(context.environment))
  if (baseUrl) agentSpec.baseUrl = baseUrl
  const view = await context.manager.launch({ mode: 'continue', file, agentSpec, review })
  return { file: view.file, runId: view.runId }
}
