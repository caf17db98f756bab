/**
 * Maps the provider-neutral conversation onto the Anthropic Messages API: tool results become
 * `tool_result` blocks in a user turn, consecutive same-role turns merge (the API wants user and
 * assistant to alternate), and an assistant turn recorded by this provider is sent back with its
 * native content blocks so thinking signatures survive.
 */
import type Anthropic from '@anthropic-ai/sdk'
import type { ChatMessage, ModelRequest } from '../../../src-shared/agents/types'
import { isObject, toPlain, type JsonValue } from '../../../src-shared/tine/json-value'

type MessageParam = Anthropic.MessageParam
type BlockParam = Anthropic.ContentBlockParam

export const ANTHROPIC_NATIVE_KEY = 'anthropic_content'

export function toAnthropicParams(request: ModelRequest, maxTokens: number): Anthropic.MessageCreateParamsNonStreaming {
  const params: Anthropic.MessageCreateParamsNonStreaming = {
    model: request.model,
    max_tokens: request.maxTokens ?? maxTokens,
    messages: toAnthropicMessages(request.messages)
  }
  if (request.system) params.system = request.system
  if (request.tools.length) {
    params.tools = request.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      input_schema: tool.parameters as Anthropic.Tool.InputSchema
    }))
  }
  return params
}

export function toAnthropicMessages(messages: readonly ChatMessage[]): MessageParam[] {
  const out: MessageParam[] = []
  const append = (role: 'user' | 'assistant', blocks: BlockParam[]): void => {
    if (!blocks.length) return
    const last = out[out.length - 1]
    if (last && last.role === role) (last.content as BlockParam[]).push(...blocks)
    else out.push({ role, content: blocks })
  }
  for (const message of messages) {
    if (message.role === 'user') append('user', message.content ? [{ type: 'text', text: message.content }] : [])
    else if (message.role === 'tool')
      append('user', [{ type: 'tool_result', tool_use_id: message.toolCallId, content: message.content }])
    else append('assistant', assistantBlocks(message))
  }
  return out
}

function assistantBlocks(message: Extract<ChatMessage, { role: 'assistant' }>): BlockParam[] {
  const calls = message.toolCalls ?? []
  const native = message.providerNative?.[ANTHROPIC_NATIVE_KEY]
  if (
    Array.isArray(native) &&
    native.length &&
    coversCalls(
      native,
      calls.map((call) => call.id)
    )
  ) {
    return native.filter(isObject).map((block) => toBlockParam(toPlain(block) as Record<string, unknown>))
  }
  const blocks: BlockParam[] = []
  if (message.content) blocks.push({ type: 'text', text: message.content })
  for (const call of calls)
    blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: toPlain(call.arguments) })
  return blocks
}

function coversCalls(native: JsonValue[], ids: string[]): boolean {
  const nativeIds = new Set(
    native
      .filter(isObject)
      .filter((block) => block.type === 'tool_use')
      .map((block) => block.id)
  )
  return ids.every((id) => nativeIds.has(id)) && nativeIds.size === ids.length
}

/** A response block as a request block: response-only fields (citations: null, caller) dropped. */
function toBlockParam(block: Record<string, unknown>): BlockParam {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: String(block.text ?? '') }
    case 'thinking':
      return { type: 'thinking', thinking: String(block.thinking ?? ''), signature: String(block.signature ?? '') }
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: String(block.data ?? '') }
    case 'tool_use':
      return { type: 'tool_use', id: String(block.id), name: String(block.name), input: block.input ?? {} }
    default: {
      const copy: Record<string, unknown> = {}
      for (const key of Object.keys(block)) if (block[key] !== null) copy[key] = block[key]
      return copy as unknown as BlockParam
    }
  }
}
