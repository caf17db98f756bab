/**
 * Where the agent channels get keys: the environment and the app's settings store. Keys stay in
 * this process and the runner child (over IPC); what leaves here for the renderer is only names.
 */
import { isProviderId } from '../../agents/providers/registry'
import {
  resolveCredentials,
  SECRET_NAMES,
  type Environment,
  type ProviderCredentials,
  type SecretName,
  type SecretStore
} from '../../agents/providers/keys'
import { ApiError } from '../../../src-shared/api/api-error'

/** A settings store that can also keep keys (Electron's safeStorage-backed ElectronSecretStore). */
export interface AppSecretStore extends SecretStore {
  setSecret(name: SecretName, value: string): Promise<void>
  listSet(): Promise<SecretName[]>
  encryptionStatus?(): 'strong' | 'weak' | 'unavailable'
}

export interface AgentEnvironment {
  env: Environment
  /** Absent in browser mode: there is no encrypted storage there, keys come from the environment. */
  secretStore?: AppSecretStore
}

/** The setting names of the API (settings.setSecret) and of the store. */
export const SETTING_NAMES: Record<
  'ANTHROPIC_API_KEY' | 'OPENAI_API_KEY' | 'OPENAI_COMPATIBLE_API_KEY' | 'OPENAI_COMPATIBLE_BASE_URL',
  SecretName
> = {
  ANTHROPIC_API_KEY: SECRET_NAMES.anthropicApiKey,
  OPENAI_API_KEY: SECRET_NAMES.openaiApiKey,
  OPENAI_COMPATIBLE_API_KEY: SECRET_NAMES.compatibleApiKey,
  OPENAI_COMPATIBLE_BASE_URL: SECRET_NAMES.compatibleBaseUrl
}

export function credentialsOf(environment: AgentEnvironment): Promise<ProviderCredentials> {
  return resolveCredentials(environment.env, environment.secretStore)
}

/** Every key by provider id, for the runner: it builds its provider from one and redacts them all. */
export function apiKeysOf(credentials: ProviderCredentials): Record<string, string> {
  const keys: Record<string, string> = {}
  if (credentials.anthropic) keys.anthropic = credentials.anthropic.apiKey
  if (credentials.openai) keys.openai = credentials.openai.apiKey
  if (credentials.compatible?.apiKey) keys['openai-compatible'] = credentials.compatible.apiKey
  return keys
}

/**
 * The base URL a provider is called at: always the configured one. A URL recorded in a run file
 * is never used, or a crafted file could send the user's key to a server of its choosing.
 */
export function providerBaseUrl(provider: string, credentials: ProviderCredentials): string | undefined {
  if (provider === 'offline') return undefined
  if (!isProviderId(provider)) throw new ApiError('bad-request', `unknown provider "${provider.slice(0, 64)}"`)
  const source =
    provider === 'anthropic'
      ? credentials.anthropic
      : provider === 'openai'
        ? credentials.openai
        : credentials.compatible
  if (!source)
    throw new ApiError('unavailable', `${provider} is not set up: add its key in Settings or set it in the environment`)
  return source.baseUrl
}
