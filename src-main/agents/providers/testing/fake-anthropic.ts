/**
 * Speaks the Anthropic Messages wire format: POST /v1/messages answered with SSE events
 * (message_start, content_block_start/delta/stop, message_delta with usage, message_stop),
 * or with an HTTP error body, or by hanging (for abort tests).
 */
import type { ServerResponse } from 'node:http'
import { pieces, sendJson, startFakeServer, type FakeServer, type ReceivedRequest } from './fake-server'

export type AnthropicBlock =
  { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; inputJson: string }

export interface AnthropicUsage {
  input_tokens: number
  output_tokens: number
  cache_read_input_tokens?: number
  cache_creation_input_tokens?: number
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number }
  output_tokens_details?: { thinking_tokens: number }
}

export type AnthropicReply =
  | { kind: 'message'; blocks: AnthropicBlock[]; usage: AnthropicUsage; stopReason?: string }
  | { kind: 'error'; status: number; errorType: string; message: string }
  /** Sends message_start and the first text delta, then never finishes. */
  | { kind: 'hang' }

export type AnthropicScript = (request: ReceivedRequest, index: number) => AnthropicReply

export function startFakeAnthropic(script: AnthropicScript): Promise<FakeServer> {
  return startFakeServer((request, index, response) => {
    if (request.method !== 'POST' || request.path !== '/v1/messages')
      return sendJson(response, 404, {
        type: 'error',
        error: { type: 'not_found_error', message: `no route ${request.path}` }
      })
    const reply = script(request, index)
    if (reply.kind === 'error')
      return sendJson(response, reply.status, {
        type: 'error',
        error: { type: reply.errorType, message: reply.message }
      })
    streamMessage(response, request.body.model, reply)
  })
}

function streamMessage(
  response: ServerResponse,
  model: string,
  reply: Exclude<AnthropicReply, { kind: 'error' }>
): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  const send = (event: string, data: unknown): void => {
    response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  }
  const usage = reply.kind === 'message' ? reply.usage : { input_tokens: 1, output_tokens: 0 }
  send('message_start', {
    type: 'message_start',
    message: {
      id: 'msg_fake',
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...usage, output_tokens: 1 }
    }
  })
  if (reply.kind === 'hang') {
    send('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })
    send('content_block_delta', {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: 'thinking about it' }
    })
    return
  }
  reply.blocks.forEach((block, index) => {
    if (block.type === 'text') {
      send('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } })
      for (const piece of pieces(block.text, 5))
        send('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } })
    } else {
      send('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} }
      })
      for (const piece of pieces(block.inputJson, 7)) {
        send('content_block_delta', {
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json: piece }
        })
      }
    }
    send('content_block_stop', { type: 'content_block_stop', index })
  })
  const stopReason =
    reply.stopReason ?? (reply.blocks.some((block) => block.type === 'tool_use') ? 'tool_use' : 'end_turn')
  send('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: usage.output_tokens }
  })
  send('message_stop', { type: 'message_stop' })
  response.end()
}
