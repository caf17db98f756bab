/**
 * Any server that speaks OpenAI Chat Completions (Ollama, vLLM, LM Studio, llama.cpp), by base
 * URL. A key is optional: local servers ignore the placeholder the SDK insists on sending.
 */
import { ProviderError } from './errors'
import { ChatCompletionsProvider } from './openai'
import type { ProviderSettings } from './settings'

export const NO_KEY_PLACEHOLDER = 'no-key'

export function createOpenAICompatibleProvider(settings: ProviderSettings): ChatCompletionsProvider {
  const baseUrl = normaliseBaseUrl(settings.baseUrl)
  return new ChatCompletionsProvider(settings, {
    provider: 'openai-compatible',
    label: `the endpoint at ${baseUrl}`,
    baseUrl,
    apiKey: settings.apiKey || NO_KEY_PLACEHOLDER,
    maxTokensField: 'max_tokens'
  })
}

export function normaliseBaseUrl(baseUrl: string | undefined): string {
  if (!baseUrl)
    throw new ProviderError(
      'bad-request',
      'an OpenAI-compatible provider needs a base URL, e.g. http://127.0.0.1:11434/v1'
    )
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new ProviderError('bad-request', `not a URL: ${baseUrl}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ProviderError('bad-request', `base URL must be http or https: ${baseUrl}`)
  if (url.username || url.password)
    throw new ProviderError('bad-request', 'put the key in the API key field, not in the base URL')
  return url.toString().replace(/\/+$/, '')
}
