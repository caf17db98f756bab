/** Maps the provider-neutral conversation onto the OpenAI Chat Completions request. */
import type OpenAI from 'openai'
import type { ChatMessage, ModelRequest } from '../../../src-shared/agents/types'
import { canonicalString } from '../../../src-shared/tine/canonical'

type MessageParam = OpenAI.Chat.Completions.ChatCompletionMessageParam

export interface OpenAIRequestStyle {
  /** api.openai.com wants max_completion_tokens; local servers still read max_tokens. */
  maxTokensField: 'max_completion_tokens' | 'max_tokens'
}

export function toOpenAIParams(
  request: ModelRequest,
  style: OpenAIRequestStyle
): OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming {
  const params: OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming = {
    model: request.model,
    messages: toOpenAIMessages(request.system, request.messages),
    stream: true,
    stream_options: { include_usage: true }
  }
  if (request.tools.length) {
    params.tools = request.tools.map((tool) => ({
      type: 'function' as const,
      function: { name: tool.name, description: tool.description, parameters: tool.parameters }
    }))
  }
  if (request.maxTokens !== undefined) params[style.maxTokensField] = request.maxTokens
  return params
}

export function toOpenAIMessages(system: string, messages: readonly ChatMessage[]): MessageParam[] {
  const out: MessageParam[] = []
  if (system) out.push({ role: 'system', content: system })
  for (const message of messages) {
    if (message.role === 'user') out.push({ role: 'user', content: message.content })
    else if (message.role === 'tool')
      out.push({ role: 'tool', tool_call_id: message.toolCallId, content: message.content })
    else {
      const calls = message.toolCalls ?? []
      if (!calls.length) {
        out.push({ role: 'assistant', content: message.content })
        continue
      }
      out.push({
        role: 'assistant',
        content: message.content || null,
        tool_calls: calls.map((call) => ({
          id: call.id,
          type: 'function' as const,
          // Canonical text keeps 1.0 apart from 1, as the model originally wrote them.
          function: { name: call.name, arguments: canonicalString(call.arguments) }
        }))
      })
    }
  }
  return out
}
