/**
 * Which providers the user can pick, and how one is built. `availableProviders` is what the
 * "New run…" dialog shows; it carries names, models and base URLs, never a key, so it is safe
 * to send to the renderer.
 */
import type { ModelProvider } from '../../../src-shared/agents/types'
import { AnthropicProvider, ANTHROPIC_DEFAULT_BASE_URL } from './anthropic'
import { ProviderError } from './errors'
import { assertKeyTransport } from './key-transport'
import { resolveCredentials, type Environment, type ProviderCredentials, type SecretStore } from './keys'
import { createOpenAIProvider, OPENAI_DEFAULT_BASE_URL } from './openai'
import { createOpenAICompatibleProvider } from './openai-compatible'
import { knownModels } from './pricing'
import type { ProviderSettings } from './settings'

export const PROVIDER_IDS = ['anthropic', 'openai', 'openai-compatible', 'offline'] as const
export type ProviderId = (typeof PROVIDER_IDS)[number]

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && (PROVIDER_IDS as readonly string[]).includes(value)
}

export interface ProviderChoice extends Omit<ProviderSettings, 'model'> {
  provider: string
  model: string
}

/** Builds the deterministic offline model; supplied by the agent core (it needs no key). */
export type OfflineModelFactory = (model: string) => ModelProvider

export interface RegistryDependencies {
  offline?: OfflineModelFactory
}

export function createProvider(choice: ProviderChoice, dependencies: RegistryDependencies = {}): ModelProvider {
  const { provider, ...settings } = choice
  if (!settings.model && provider !== 'offline')
    throw new ProviderError('bad-request', `choose a model for ${provider}`)
  assertKeyTransport(settings.baseUrl, settings.apiKey)
  switch (provider) {
    case 'anthropic':
      return new AnthropicProvider(settings)
    case 'openai':
      return createOpenAIProvider(settings)
    case 'openai-compatible':
      return createOpenAICompatibleProvider(settings)
    case 'offline':
      if (!dependencies.offline)
        throw new ProviderError('bad-request', 'the offline model is not available in this build')
      return dependencies.offline(settings.model)
    default:
      throw new ProviderError(
        'bad-request',
        `unknown provider "${provider}" (choose one of ${PROVIDER_IDS.join(', ')})`
      )
  }
}

export interface AvailableProvider {
  id: ProviderId
  label: string
  /** Suggested model names (any name may be typed). */
  models: string[]
  /** Shown without any user:password part. */
  baseUrl?: string
  /** Whether the provider is used with an API key (never the key itself). */
  needsKey: boolean
}

export async function availableProviders(env: Environment, settings?: SecretStore): Promise<AvailableProvider[]> {
  return listAvailable(await resolveCredentials(env, settings))
}

export function listAvailable(credentials: ProviderCredentials): AvailableProvider[] {
  const out: AvailableProvider[] = []
  if (credentials.anthropic) {
    out.push({
      id: 'anthropic',
      label: 'Anthropic',
      models: knownModels('anthropic'),
      baseUrl: displayUrl(credentials.anthropic.baseUrl ?? ANTHROPIC_DEFAULT_BASE_URL),
      needsKey: true
    })
  }
  if (credentials.openai) {
    out.push({
      id: 'openai',
      label: 'OpenAI',
      models: knownModels('openai'),
      baseUrl: displayUrl(credentials.openai.baseUrl ?? OPENAI_DEFAULT_BASE_URL),
      needsKey: true
    })
  }
  if (credentials.compatible) {
    out.push({
      id: 'openai-compatible',
      label: 'OpenAI-compatible server',
      models: [],
      baseUrl: displayUrl(credentials.compatible.baseUrl),
      needsKey: false
    })
  }
  out.push({
    id: 'offline',
    label: 'Offline scripted model (no network, deterministic)',
    models: ['offline'],
    needsKey: false
  })
  return out
}

function displayUrl(url: string): string {
  try {
    const parsed = new URL(url)
    parsed.username = ''
    parsed.password = ''
    parsed.search = ''
    return parsed.toString().replace(/\/+$/, '')
  } catch {
    return '(invalid URL)'
  }
}
