/**
 * Transcript turns (spec §19) and the provider-neutral messages they stand for. The same
 * functions build turns while running and rebuild messages on resume, so a resumed request
 * hashes to the same semantic key as the one the crashed process would have sent.
 */
import { sortedKeys } from '../tine/canonical'
import { isObject, newObject, obj, toPlain, type JsonObject, type JsonValue } from '../tine/json-value'
import type { ChatMessage, ToolCall } from './types'

/** Turn keys the runtime owns; every other key of an assistant turn is provider-native. */
const RESERVED_ASSISTANT_KEYS = new Set(['step_id', 'role', 'content', 'tool_calls'])

export function toolCallToJson(call: ToolCall): JsonObject {
  return obj({ arguments: call.arguments, id: call.id, name: call.name })
}

export function toolCallFromJson(value: JsonValue): ToolCall | undefined {
  if (!isObject(value) || typeof value.name !== 'string' || typeof value.id !== 'string') return undefined
  return { id: value.id, name: value.name, arguments: isObject(value.arguments) ? value.arguments : newObject() }
}

/** The JSON form of a message inside a semantic key. Provider-native extras are left out on purpose. */
export function messageToJson(message: ChatMessage): JsonObject {
  if (message.role === 'user') return obj({ content: message.content, role: 'user' })
  if (message.role === 'tool')
    return obj({ content: message.content, name: message.name, role: 'tool', tool_call_id: message.toolCallId })
  const json = obj({ content: message.content, role: 'assistant' })
  if (message.toolCalls?.length) json.tool_calls = message.toolCalls.map(toolCallToJson)
  return json
}

/** What the model sees of a tool result: strings as they are, anything else as compact JSON. */
export function toolResultContent(result: JsonValue): string {
  return typeof result === 'string' ? result : stableJsonText(result)
}

/**
 * JSON text with keys in canonical order. The model request (and so the replay key) is built
 * from this text; a run loaded from disk has its keys sorted, so insertion order must not leak in.
 */
export function stableJsonText(value: JsonValue): string {
  return JSON.stringify(toPlain(sortKeysDeep(value)))
}

function sortKeysDeep(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeysDeep)
  if (!isObject(value)) return value
  const sorted = newObject()
  for (const key of sortedKeys(value)) sorted[key] = sortKeysDeep(value[key])
  return sorted
}

export function toolErrorContent(error: { type: string; message: string }): string {
  return `Error: ${error.type}: ${error.message}`
}

export function userTurn(content: string): JsonObject {
  return obj({ content, role: 'user' })
}

export function assistantTurn(
  stepId: string,
  text: string,
  toolCalls: readonly ToolCall[],
  providerNative?: JsonObject,
  refusal?: string
): JsonObject {
  const turn = obj({ step_id: stepId, role: 'assistant', content: text })
  if (toolCalls.length) turn.tool_calls = toolCalls.map(toolCallToJson)
  if (providerNative)
    for (const key of Object.keys(providerNative))
      if (!RESERVED_ASSISTANT_KEYS.has(key)) turn[key] = providerNative[key]
  if (refusal !== undefined) turn.refusal = refusal
  return turn
}

export function toolTurn(stepId: string, call: ToolCall, content: string): JsonObject {
  return obj({ step_id: stepId, role: 'tool', content, name: call.name, tool_call_id: call.id })
}

function contentText(value: JsonValue | undefined): string {
  if (typeof value === 'string') return value
  if (value === undefined || value === null) return ''
  return stableJsonText(value)
}

/** The conversation a transcript records. Non-object turns and unknown roles are skipped. */
export function messagesFromTranscript(transcript: readonly JsonValue[]): ChatMessage[] {
  const messages: ChatMessage[] = []
  for (const turn of transcript) {
    if (!isObject(turn)) continue
    const content = contentText(turn.content)
    if (turn.role === 'user') messages.push({ role: 'user', content })
    else if (turn.role === 'tool') {
      messages.push({
        role: 'tool',
        content,
        toolCallId: typeof turn.tool_call_id === 'string' ? turn.tool_call_id : '',
        name: typeof turn.name === 'string' ? turn.name : ''
      })
    } else if (turn.role === 'assistant') {
      const calls = Array.isArray(turn.tool_calls)
        ? turn.tool_calls.map(toolCallFromJson).filter((call): call is ToolCall => call !== undefined)
        : []
      const native = newObject()
      for (const key of Object.keys(turn)) if (!RESERVED_ASSISTANT_KEYS.has(key)) native[key] = turn[key]
      const message: ChatMessage = { role: 'assistant', content }
      if (calls.length) message.toolCalls = calls
      if (Object.keys(native).length) message.providerNative = native
      messages.push(message)
    }
  }
  return messages
}
