/** What every SDK-backed provider is built from. */
export interface ProviderSettings {
  model: string
  apiKey?: string
  baseUrl?: string
  /** The SDKs retry 429/5xx/network errors twice by default; tests pass 0. */
  maxRetries?: number
  /** Milliseconds for one HTTP attempt. */
  timeoutMs?: number
  /** Used when the request does not say (Anthropic requires a value). */
  defaultMaxTokens?: number
}

export const DEFAULT_MAX_TOKENS = 4096
export const DEFAULT_TIMEOUT_MS = 120_000
