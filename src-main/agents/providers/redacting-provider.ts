/**
 * A provider whose answers never carry the app's API keys (a model can echo a key it saw).
 * Redacted before the agent records the step, so the step id stays a true hash of what the
 * file holds (see tools/redacting.ts for why save-time redaction alone is not enough).
 * Only the exact keys are replaced: the writer's name rules (a "token" argument...) are not
 * applied here, because the tool must still receive the arguments the model meant.
 */
import type { ModelProvider, ModelResponse } from '../../../src-shared/agents/types'
import { isObject, newObject, type JsonObject, type JsonValue } from '../../../src-shared/tine/json-value'
import { REDACTED } from '../../../src-shared/tine/redact'

export function withRedactedResponses(provider: ModelProvider, secrets: readonly string[]): ModelProvider {
  const keys = secrets.filter((secret) => secret.length >= 8)
  if (!keys.length) return provider
  const text = (value: string): string =>
    keys.reduce((out, key) => (out.includes(key) ? out.split(key).join(REDACTED) : out), value)
  const deep = (value: JsonValue): JsonValue => {
    if (typeof value === 'string') return text(value)
    if (Array.isArray(value)) return value.map(deep)
    if (!isObject(value)) return value
    const out = newObject()
    for (const key of Object.keys(value)) out[key] = deep(value[key])
    return out
  }
  return {
    provider: provider.provider,
    model: provider.model,
    async complete(request, options): Promise<ModelResponse> {
      const response = await provider.complete(request, options)
      const clean: ModelResponse = {
        ...response,
        text: text(response.text),
        toolCalls: response.toolCalls.map((call) => ({ ...call, arguments: deep(call.arguments) as JsonObject }))
      }
      if (response.refusal !== undefined) clean.refusal = text(response.refusal)
      if (response.providerNative) clean.providerNative = deep(response.providerNative) as JsonObject
      return clean
    }
  }
}
