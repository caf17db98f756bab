/**
 * run.cache entries (spec §5): {key, kind, value, provenance, created_at}, and the JSON form of
 * a model response stored as a model entry's value.
 */
import { deepCopy, isObject, newObject, obj, toNumber, type JsonObject, type JsonValue } from '../tine/json-value'
import type { SemanticKind } from './semantic-key'
import { toolCallFromJson, toolCallToJson } from './transcript'
import type { ModelResponse, TokenUsage, ToolCall } from './types'

const USAGE_NAMES = ['input', 'output', 'cache_read', 'cache_write_5m', 'reasoning'] as const

/** Token counts as the file wants them: non-negative JSON ints, only the names that are set. */
export function usageToJson(usage: TokenUsage): JsonObject {
  const json = newObject()
  for (const name of USAGE_NAMES) {
    const value = usage[name]
    if (typeof value === 'number' && Number.isFinite(value)) json[name] = BigInt(Math.max(0, Math.round(value)))
  }
  return json
}

export function usageFromJson(value: JsonValue | undefined): TokenUsage {
  const json = isObject(value) ? value : newObject()
  const usage: TokenUsage = { input: toNumber(json.input), output: toNumber(json.output) }
  for (const name of ['cache_read', 'cache_write_5m', 'reasoning'] as const)
    if (json[name] !== undefined) usage[name] = toNumber(json[name])
  return usage
}

export function responseToJson(response: ModelResponse): JsonObject {
  return obj({
    cost: response.cost,
    provider_native: response.providerNative,
    refusal: response.refusal,
    stop_reason: response.stopReason,
    text: response.text,
    tool_calls: response.toolCalls.map(toolCallToJson),
    usage: usageToJson(response.usage)
  })
}

/** A recorded response, or undefined when the value is not one our agent wrote (a miss, never a guess). */
export function responseFromJson(value: JsonValue | undefined): ModelResponse | undefined {
  if (!isObject(value) || typeof value.text !== 'string' || !Array.isArray(value.tool_calls)) return undefined
  const toolCalls: ToolCall[] = []
  for (const item of value.tool_calls) {
    const call = toolCallFromJson(item)
    if (!call) return undefined
    toolCalls.push(call)
  }
  const response: ModelResponse = { text: value.text, toolCalls, usage: usageFromJson(value.usage) }
  if (typeof value.refusal === 'string') response.refusal = value.refusal
  if (typeof value.cost === 'number' || typeof value.cost === 'bigint') response.cost = toNumber(value.cost)
  if (typeof value.stop_reason === 'string') response.stopReason = value.stop_reason
  if (isObject(value.provider_native)) response.providerNative = value.provider_native
  return response
}

export function cacheEntry(
  key: string,
  kind: SemanticKind,
  value: JsonValue,
  provenance: JsonObject,
  createdAt: number
): JsonObject {
  return obj({ created_at: createdAt, key, kind, provenance, value: deepCopy(value) })
}
