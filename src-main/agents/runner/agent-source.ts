/**
 * Where the runner's agent comes from: a script whose default export (or `agent`) is an Agent,
 * or an AgentSpec from the app (provider, model, built-in tools over a folder). Either way the
 * runner then adds its own options (checkpoint store, step listener, run id, replay cache).
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Agent, type AgentOptions } from '../../../src-shared/agents/agent'
import { obj, type JsonObject } from '../../../src-shared/tine/json-value'
import type { AgentSpec } from './protocol'

export interface LoadedAgent {
  agent: Agent
  /** The script's own `prompt` export, used when none is given. */
  prompt?: string
  /** What is recorded in run.metadata.agent so `tine resume` can rebuild the same agent. */
  origin: JsonObject
}

/** Thrown for a script or spec the user must fix; reported as one line. */
export class AgentSourceError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AgentSourceError'
  }
}

function isAgentLike(value: unknown): value is Agent {
  if (value instanceof Agent) return true
  const candidate = value as { run?: unknown; continueRun?: unknown } | null
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.run === 'function' &&
    typeof candidate.continueRun === 'function'
  )
}

export async function loadAgentScript(script: string): Promise<LoadedAgent> {
  const absolute = path.resolve(script)
  let module: Record<string, unknown>
  try {
    module = await importScript(absolute)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(absolute))
      throw new AgentSourceError(`no such agent script: ${script}`)
    throw new AgentSourceError(`cannot load agent script ${script}: ${(error as Error).message.split('\n')[0]}`)
  }
  const agent = module.default ?? module.agent
  if (!isAgentLike(agent)) {
    throw new AgentSourceError(
      `${script} must export an Agent as its default export or as \`agent\` (found ${agent === undefined ? 'nothing' : typeof agent})`
    )
  }
  const prompt = typeof module.prompt === 'string' ? module.prompt : undefined
  return { agent, prompt, origin: obj({ script: absolute }) }
}

/**
 * Imports a script. A .ts file outside any `"type": "module"` package is compiled as CommonJS,
 * which a plain import() of it refuses; and the compiled CLI has no TypeScript loader at all.
 * tsx's tsImport loads both, with CommonJS exports one level down.
 */
async function importScript(absolute: string): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(absolute).href)) as Record<string, unknown>
  } catch (error) {
    if (
      !/require\(\) ES Module|ERR_REQUIRE_CYCLE_MODULE|ERR_UNKNOWN_FILE_EXTENSION/.test(
        `${(error as NodeJS.ErrnoException).code} ${(error as Error).message}`
      )
    )
      throw error
  }
  const { tsImport } = await import('tsx/esm/api')
  const namespace = (await tsImport(pathToFileURL(absolute).href, import.meta.url)) as Record<string, unknown>
  const inner = namespace.default as Record<string, unknown> | undefined
  const wrapped =
    typeof inner === 'object' && inner !== null && !isAgentLike(inner) && ('default' in inner || 'agent' in inner)
  return wrapped ? inner : namespace
}

/** Builds the agent the app describes; keys come from `apiKeys`, never from the spec. */
export async function agentFromSpec(spec: AgentSpec, apiKeys: Record<string, string> = {}): Promise<LoadedAgent> {
  // Loaded on demand: the provider SDKs take a second or two to import, which a script agent never needs.
  const [
    { OfflineScriptedModel },
    { createProvider },
    { builtinTools },
    { withSecretsRedacted },
    { withRedactedResponses }
  ] = await Promise.all([
    import('../offline-model'),
    import('../providers/registry'),
    import('../tools'),
    import('../tools/redacting'),
    import('../providers/redacting-provider')
  ])
  const rawModel =
    spec.provider === 'offline'
      ? new OfflineScriptedModel({ stepDelayMs: spec.stepDelayMs })
      : createProvider(
          { provider: spec.provider, model: spec.model, apiKey: apiKeys[spec.provider], baseUrl: spec.baseUrl },
          { offline: () => new OfflineScriptedModel() }
        )
  const wanted = spec.tools ?? []
  let tools: AgentOptions['tools'] = []
  if (wanted.length) {
    if (!spec.folder) throw new AgentSourceError('the built-in tools need a folder to work in')
    const all = await builtinTools(spec.folder)
    const unknown = wanted.filter((name) => !all.some((tool) => tool.name === name))
    if (unknown.length) throw new AgentSourceError(`unknown built-in tool(s): ${unknown.join(', ')}`)
    tools = all.filter((tool) => wanted.includes(tool.name))
  }
  // Secrets are redacted when a step is recorded, not only when it is saved: step ids hash the
  // recorded content (spec 8), so save-time redaction alone would break them.
  const secrets = Object.values(apiKeys).filter((key) => key.length > 0)
  const model = withRedactedResponses(rawModel, secrets)
  if (tools.length) tools = withSecretsRedacted(tools, secrets)
  const agent = new Agent({ model, tools, systemPrompt: spec.systemPrompt, budget: spec.budget })
  const origin = obj({
    spec: obj({
      provider: spec.provider,
      model: spec.model,
      base_url: spec.baseUrl,
      tools: [...wanted],
      folder: spec.folder ? path.resolve(spec.folder) : undefined
    })
  })
  return { agent, origin }
}

/**
 * The same agent with the runner's options added. Agent keeps its options private, so they are
 * read through a narrow cast; `withOptions` is used instead when the Agent class provides it.
 */
export function withRunnerOptions(agent: Agent, overrides: Partial<AgentOptions>): Agent {
  const extensible = agent as unknown as {
    withOptions?: (options: Partial<AgentOptions>) => Agent
    options?: AgentOptions
  }
  if (typeof extensible.withOptions === 'function') return extensible.withOptions(overrides)
  if (!extensible.options)
    throw new AgentSourceError(
      'the exported agent does not expose its options; export an Agent from src-shared/agents/agent'
    )
  return new Agent({ ...extensible.options, ...overrides })
}
