/**
 * Where API keys come from: the app's settings store (keys the user entered, kept encrypted
 * with Electron's safeStorage, see src-main/electron/secrets.ts) first, then the environment.
 * Keys stay in the main/runner process: they go to the SDK clients and into SaveOptions.secrets
 * so the writer redacts them, and nowhere else.
 */

/** What the app's settings store offers (implemented by ElectronSecretStore). */
export interface SecretStore {
  getSecret(name: string): Promise<string | undefined>
}

export const SECRET_NAMES = {
  anthropicApiKey: 'anthropic_api_key',
  openaiApiKey: 'openai_api_key',
  compatibleBaseUrl: 'openai_compatible_base_url',
  compatibleApiKey: 'openai_compatible_api_key'
} as const

export type SecretName = (typeof SECRET_NAMES)[keyof typeof SECRET_NAMES]

export function isSecretName(name: string): name is SecretName {
  return (Object.values(SECRET_NAMES) as string[]).includes(name)
}

export interface ProviderCredentials {
  anthropic?: { apiKey: string; baseUrl?: string }
  openai?: { apiKey: string; baseUrl?: string }
  /** An OpenAI-compatible server; its key is optional. */
  compatible?: { baseUrl: string; apiKey?: string }
}

export type Environment = Readonly<Record<string, string | undefined>>

export async function resolveCredentials(env: Environment, store?: SecretStore): Promise<ProviderCredentials> {
  const secret = async (name: SecretName): Promise<string | undefined> => clean(await store?.getSecret(name))
  const credentials: ProviderCredentials = {}

  const anthropicKey = (await secret(SECRET_NAMES.anthropicApiKey)) ?? clean(env.ANTHROPIC_API_KEY)
  if (anthropicKey) credentials.anthropic = { apiKey: anthropicKey, baseUrl: clean(env.ANTHROPIC_BASE_URL) }

  // OPENAI_BASE_URL means what it means to the OpenAI SDK: where OpenAI calls go.
  const openaiKey = (await secret(SECRET_NAMES.openaiApiKey)) ?? clean(env.OPENAI_API_KEY)
  const envBaseUrl = clean(env.OPENAI_BASE_URL)
  if (openaiKey) credentials.openai = { apiKey: openaiKey, baseUrl: envBaseUrl }

  // A compatible server set in Settings gets only its own key. One given by OPENAI_BASE_URL
  // gets OPENAI_API_KEY, because the user paired the two in the same environment.
  const settingsBaseUrl = await secret(SECRET_NAMES.compatibleBaseUrl)
  if (settingsBaseUrl)
    credentials.compatible = { baseUrl: settingsBaseUrl, apiKey: await secret(SECRET_NAMES.compatibleApiKey) }
  else if (envBaseUrl) credentials.compatible = { baseUrl: envBaseUrl, apiKey: clean(env.OPENAI_API_KEY) }
  return credentials
}

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}
