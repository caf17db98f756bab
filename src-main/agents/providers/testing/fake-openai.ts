/**
 * Speaks the OpenAI Chat Completions wire format: POST /v1/chat/completions answered with
 * stream chunks (delta.content, delta.tool_calls pieces), a final usage chunk when
 * stream_options.include_usage is set, and `data: [DONE]`; or an HTTP error; or a hang.
 */
import type { ServerResponse } from 'node:http'
import { pieces, sendJson, startFakeServer, type FakeServer, type ReceivedRequest } from './fake-server'

export interface OpenAIToolCallReply {
  id: string
  name: string
  argumentsJson: string
}

export interface OpenAIUsage {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
  prompt_tokens_details?: { cached_tokens: number }
  completion_tokens_details?: { reasoning_tokens: number }
}

export type OpenAIReply =
  | {
      kind: 'message'
      text?: string
      toolCalls?: OpenAIToolCallReply[]
      usage: OpenAIUsage
      finishReason?: string
      refusal?: string
    }
  | { kind: 'error'; status: number; errorType: string; message: string }
  | { kind: 'hang' }

export type OpenAIScript = (request: ReceivedRequest, index: number) => OpenAIReply

export function startFakeOpenAI(script: OpenAIScript): Promise<FakeServer> {
  return startFakeServer((request, index, response) => {
    if (request.method !== 'POST' || request.path !== '/v1/chat/completions')
      return sendJson(response, 404, { error: { message: `no route ${request.path}`, type: 'invalid_request_error' } })
    const reply = script(request, index)
    if (reply.kind === 'error')
      return sendJson(response, reply.status, {
        error: { message: reply.message, type: reply.errorType, code: null, param: null }
      })
    streamChunks(response, request.body, reply)
  })
}

function streamChunks(response: ServerResponse, body: any, reply: Exclude<OpenAIReply, { kind: 'error' }>): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): void => {
    response.write(
      `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1700000000, model: body.model, choices, ...extra })}\n\n`
    )
  }
  const delta = (value: Record<string, unknown>, finish: string | null = null): void =>
    chunk([{ index: 0, delta: value, finish_reason: finish }])
  delta({ role: 'assistant', content: '' })
  if (reply.kind === 'hang') {
    delta({ content: 'thinking about it' })
    return
  }
  for (const piece of reply.text ? pieces(reply.text, 5) : []) delta({ content: piece })
  if (reply.refusal) delta({ refusal: reply.refusal })
  ;(reply.toolCalls ?? []).forEach((call, index) => {
    delta({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] })
    for (const piece of pieces(call.argumentsJson, 6))
      delta({ tool_calls: [{ index, function: { arguments: piece } }] })
  })
  delta({}, reply.finishReason ?? (reply.toolCalls?.length ? 'tool_calls' : 'stop'))
  if (body.stream_options?.include_usage) chunk([], { usage: reply.usage })
  response.write('data: [DONE]\n\n')
  response.end()
}
