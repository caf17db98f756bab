/**
 * Semantic cache keys (spec §5): sha256 of canon_v2({"kind": k, "payload": p}).
 * Model payload = {model, system, messages, tools}; tool payload = {name, arguments}.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { canonicalSha256, canonicalString } from '../tine/canonical'
import { fromPlain, obj, type JsonObject, type JsonValue } from '../tine/json-value'
import { messageToJson } from './transcript'
import type { ChatMessage, ModelRequest, ToolSpec } from './types'

export type SemanticKind = 'model.complete' | 'tool.call'

export function semanticKey(kind: SemanticKind, payload: JsonValue): string {
  return canonicalSha256(obj({ kind, payload }))
}

export function toolSpecToJson(spec: ToolSpec): JsonObject {
  return obj({ description: spec.description, name: spec.name, parameters: fromPlain(spec.parameters) })
}

export function modelPayload(request: ModelRequest): JsonObject {
  return obj({
    messages: request.messages.map(messageToJson),
    model: request.model,
    system: request.system,
    tools: request.tools.map(toolSpecToJson)
  })
}

export function toolPayload(name: string, args: JsonObject): JsonObject {
  return obj({ arguments: args, name })
}

export function modelRequestKey(request: ModelRequest): string {
  return semanticKey('model.complete', modelPayload(request))
}

export function toolCallKey(name: string, args: JsonObject): string {
  return semanticKey('tool.call', toolPayload(name, args))
}

const encoder = new TextEncoder()

/**
 * The model key of a growing conversation without re-hashing it on every call. Canonical key
 * order puts "messages" first in the payload, so the canonical text of every request shares the
 * prefix `{"kind":"model.complete","payload":{"messages":[m1,m2,…`; the hash state of that prefix
 * is kept and cloned per request. Keeps a 2,000-step run linear instead of quadratic.
 */
export class ConversationKeyer {
  private readonly state = sha256.create()
  private count = 0

  constructor(messages: readonly ChatMessage[] = []) {
    this.state.update(encoder.encode('{"kind":"model.complete","payload":{"messages":['))
    for (const message of messages) this.append(message)
  }

  append(message: ChatMessage): void {
    const text = canonicalString(messageToJson(message))
    this.state.update(encoder.encode(this.count === 0 ? text : ',' + text))
    this.count += 1
  }

  get messageCount(): number {
    return this.count
  }

  /** The key of a request whose messages are exactly the ones appended so far. */
  key(model: string, system: string, tools: readonly ToolSpec[]): string {
    const rest = canonicalString(obj({ model, system, tools: tools.map(toolSpecToJson) }))
    // rest is `{"model":…,"system":…,"tools":[…]}`: splice it in after the messages array.
    const state = this.state.clone()
    state.update(encoder.encode('],' + rest.slice(1) + '}'))
    return bytesToHex(state.digest())
  }
}
