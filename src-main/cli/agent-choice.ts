/**
 * Which agent `tine resume` and `tine replay --mode rerun` run. A `.tine` file is data: the script
 * and endpoint its metadata names are never used. The agent is the script the user names on the
 * command line, or the one this machine recorded when it started the run (the local registry in
 * the user's data folder), and only while that script still has the content it had then.
 */
import path from 'node:path'
import { isObject } from '../../src-shared/tine/json-value'
import { shortId } from '../../src-shared/run/format'
import type { Run } from '../../src-shared/run/run'
import { resolveCredentials } from '../agents/providers/keys'
import type { AgentSpec, RunnerOptions } from '../agents/runner/protocol'
import { AGENT_ORIGIN_KEY } from '../agents/runner/run-agent'
import { findLocalRun, scriptDigest, type LocalAgent } from '../store/local-runs'
import { userDataDir } from '../store/user-data-dir'
import { UserError } from './errors'
import { warn } from './output'

export type ChosenAgent = Pick<RunnerOptions, 'agentScript' | 'agentSpec'>

export interface AgentFlags {
  agent?: string
  baseUrl?: string
}

/** What the file's metadata claims about its agent, for messages only. */
function claimedOrigin(run: Run): { script?: string; endpoint?: string; hasSpec: boolean } {
  const origin = run.metadata[AGENT_ORIGIN_KEY]
  if (!isObject(origin)) return { hasSpec: false }
  const script = typeof origin.script === 'string' ? origin.script : undefined
  const spec = isObject(origin.spec) ? origin.spec : undefined
  const endpoint = spec && typeof spec.base_url === 'string' ? spec.base_url : undefined
  return { script, endpoint, hasSpec: spec !== undefined }
}

/** The endpoint the user configured for a provider: --base-url, else the environment, else the SDK default. */
async function configuredBaseUrl(provider: string, flag: string | undefined): Promise<string | undefined> {
  if (flag) return flag
  const credentials = await resolveCredentials(process.env)
  if (provider === 'anthropic') return credentials.anthropic?.baseUrl
  if (provider === 'openai') return credentials.openai?.baseUrl
  if (provider === 'openai-compatible') return credentials.compatible?.baseUrl
  return undefined
}

async function fromRegistry(run: Run, agent: LocalAgent, flags: AgentFlags, verb: string): Promise<ChosenAgent> {
  if (agent.kind === 'script') {
    let digest: string | undefined
    try {
      digest = await scriptDigest(agent.path)
    } catch {
      digest = undefined
    }
    if (digest !== agent.sha256) {
      throw new UserError(
        `cannot ${verb} ${shortId(run.id)}: its agent script ${agent.path} ${digest === undefined ? 'is gone' : 'changed since the run started'}; pass --agent SCRIPT to choose the agent`
      )
    }
    return { agentScript: agent.path }
  }
  if (agent.tools.length) {
    throw new UserError(
      `cannot ${verb} ${shortId(run.id)} here: the app started it with built-in tools; continue it in the app, or pass --agent SCRIPT`
    )
  }
  const spec: AgentSpec = { provider: agent.provider, model: agent.model, tools: [] }
  const baseUrl = await configuredBaseUrl(agent.provider, flags.baseUrl)
  if (baseUrl) spec.baseUrl = baseUrl
  return { agentSpec: spec }
}

/**
 * The agent to continue or re-run `run` with. Refuses, in one line saying how to choose an agent,
 * when neither the command line nor this machine's record names one.
 */
export async function chooseAgent(
  run: Run,
  flags: AgentFlags,
  verb: 'resume' | 're-run'
): Promise<ChosenAgent | undefined> {
  const claimed = claimedOrigin(run)
  if (claimed.endpoint && claimed.endpoint !== flags.baseUrl) {
    warn(
      `the file names the endpoint ${claimed.endpoint.slice(0, 300)}; it is not used: endpoints come from your configuration (the provider's *_BASE_URL variable, or --base-url for a run started on this machine)`
    )
  }
  if (flags.agent) {
    if (flags.baseUrl) warn('--base-url applies to agents the app built; an agent script chooses its own endpoint')
    return { agentScript: path.resolve(flags.agent) }
  }
  const local = await findLocalRun(userDataDir(), run.id)
  if (local) return fromRegistry(run, local.agent, flags, verb)
  if (claimed.script !== undefined || claimed.hasSpec) {
    const named = claimed.script !== undefined ? ` names the agent script ${claimed.script.slice(0, 300)}, but` : ''
    throw new UserError(
      `cannot ${verb} ${shortId(run.id)}: the file${named} was not started on this machine, and tine never runs an agent a file names; pass --agent SCRIPT to choose one`
    )
  }
  return undefined
}

/** The script (path and content hash) or spec a run was started with, for the local registry. */
export async function localAgentOf(agent: ChosenAgent): Promise<LocalAgent | undefined> {
  if (agent.agentScript)
    return { kind: 'script', path: agent.agentScript, sha256: await scriptDigest(agent.agentScript) }
  const spec = agent.agentSpec
  if (spec)
    return {
      kind: 'app',
      provider: spec.provider,
      model: spec.model,
      tools: [...(spec.tools ?? [])],
      ...(spec.baseUrl ? { baseUrl: spec.baseUrl } : {})
    }
  return undefined
}
