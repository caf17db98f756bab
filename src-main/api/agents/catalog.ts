/**
 * agents.catalog: what the "New run…" dialog offers. Providers whose keys are set (plus the
 * offline model), the built-in tools, and which settings hold a value. Names only, never a key.
 */
import os from 'node:os'
import type { AgentCatalog, ToolOption } from '../../../src-shared/api/agent-types'
import { listAvailable } from '../../agents/providers/registry'
import { builtinTools } from '../../agents/tools'
import { credentialsOf, SETTING_NAMES, type AgentEnvironment } from './credentials'

let toolOptions: Promise<ToolOption[]> | undefined

/** The built-in tools as the dialog lists them (built once over a harmless folder to read their descriptions). */
export function builtinToolOptions(): Promise<ToolOption[]> {
  toolOptions ??= builtinTools(os.tmpdir()).then((tools) =>
    tools.map((tool) => ({ name: tool.name, description: tool.description, sideEffects: tool.sideEffects }))
  )
  return toolOptions
}

export function canStoreSecrets(environment: AgentEnvironment): boolean {
  const store = environment.secretStore
  if (!store) return false
  const status = store.encryptionStatus?.() ?? 'strong'
  return status === 'strong'
}

async function secretsSet(environment: AgentEnvironment): Promise<string[]> {
  const set = new Set<string>()
  const stored = new Set<string>(await environment.secretStore?.listSet().catch(() => []))
  for (const [setting, storedName] of Object.entries(SETTING_NAMES)) {
    const fromEnv =
      setting === 'ANTHROPIC_API_KEY' || setting === 'OPENAI_API_KEY' ? environment.env[setting]?.trim() : undefined
    if (stored.has(storedName) || fromEnv) set.add(setting)
  }
  return [...set]
}

export async function agentCatalog(environment: AgentEnvironment): Promise<AgentCatalog> {
  const available = listAvailable(await credentialsOf(environment))
  return {
    providers: available.map((provider) => ({
      id: provider.id,
      label: provider.label,
      models: provider.models,
      offline: provider.id === 'offline'
    })),
    tools: await builtinToolOptions(),
    secretsSet: await secretsSet(environment),
    canStoreSecrets: canStoreSecrets(environment)
  }
}
