/**
 * The agent a run is executed with, as the runner's AgentSpec: from a "New run…" request, or
 * rebuilt from what the runner recorded in run.metadata.agent (to resume, review or retry it).
 * A recorded spec is not trusted blindly: its tool folder must still be inside an opened folder,
 * its base URL is ignored (the configured one is used), and script agents are never loaded here.
 */
import { isObject, str } from '../../../src-shared/tine/json-value'
import type { Run } from '../../../src-shared/run/run'
import type { ProviderCredentials } from '../../agents/providers/keys'
import type { AgentSpec } from '../../agents/runner/protocol'
import type { FolderRegistry } from '../folder-registry'
import { providerBaseUrl } from './credentials'
import { toolFolderFor } from './folders'
import { ApiError } from '../../../src-shared/api/api-error'

/** run-agent.ts AGENT_ORIGIN_KEY: where the runner records how the run's agent was built. */
const AGENT_ORIGIN_KEY = 'agent'

export interface AgentChoice {
  provider: string
  model: string
  systemPrompt?: string
  tools: string[]
  /** Real path, already checked. */
  toolFolder?: string
  budget?: AgentSpec['budget']
}

export function agentSpecOf(choice: AgentChoice, credentials: ProviderCredentials): AgentSpec {
  const spec: AgentSpec = { provider: choice.provider, model: choice.model, tools: [...choice.tools] }
  const baseUrl = providerBaseUrl(choice.provider, credentials)
  if (baseUrl) spec.baseUrl = baseUrl
  if (choice.systemPrompt !== undefined) spec.systemPrompt = choice.systemPrompt
  if (choice.toolFolder) spec.folder = choice.toolFolder
  if (choice.budget) spec.budget = choice.budget
  return spec
}

/** The agent the runner recorded for `run`; refuses runs the app cannot rebuild an agent for. */
export async function recordedChoice(registry: FolderRegistry, run: Run): Promise<AgentChoice> {
  const origin = run.metadata[AGENT_ORIGIN_KEY]
  if (isObject(origin) && typeof origin.script === 'string') {
    throw new ApiError(
      'unavailable',
      'this run was started from an agent script; continue it with `tine resume` (the app never runs a script named by a file)'
    )
  }
  const spec = isObject(origin) && isObject(origin.spec) ? origin.spec : undefined
  if (!spec || !str(spec.provider)) {
    throw new ApiError(
      'unavailable',
      'this run was not started by the app, so the app does not know its agent; choose a provider and model to retry it, or use `tine resume`'
    )
  }
  const tools = Array.isArray(spec.tools) ? spec.tools.filter((name): name is string => typeof name === 'string') : []
  const choice: AgentChoice = { provider: str(spec.provider), model: str(spec.model) || str(spec.provider), tools }
  if (tools.length) {
    const folder = str(spec.folder)
    if (!folder) throw new ApiError('unavailable', 'the run uses built-in tools but records no folder for them')
    try {
      choice.toolFolder = await toolFolderFor(registry, folder)
    } catch (error) {
      const reason = error instanceof ApiError ? error.message : String(error)
      throw new ApiError(
        'forbidden-path',
        `the run's tools read ${folder.slice(0, 300)}, which must be inside an opened folder to continue it (${reason})`
      )
    }
  }
  return choice
}
