import { afterEach, describe, expect, it } from 'vitest'
import { AnthropicProvider } from './anthropic'
import { ProviderError } from './errors'
import type { PricedModelResponse } from './priced-response'
import type { ModelRequest } from '../../../src-shared/agents/types'
import { newObject, obj } from '../../../src-shared/tine/json-value'
import { startFakeAnthropic, type AnthropicReply } from './testing/fake-anthropic'
import type { FakeServer } from './testing/fake-server'

const KEY = 'sk-ant-test-0123456789abcdefghij'
const servers: FakeServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function serve(...replies: AnthropicReply[]): Promise<{ server: FakeServer; provider: AnthropicProvider }> {
  const server = await startFakeAnthropic((_request, index) => replies[Math.min(index, replies.length - 1)])
  servers.push(server)
  return {
    server,
    provider: new AnthropicProvider({ model: 'claude-haiku-4-5', apiKey: KEY, baseUrl: server.url, maxRetries: 0 })
  }
}

const signal = () => new AbortController().signal

function request(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    model: 'claude-haiku-4-5',
    system: 'You read files.',
    messages: [{ role: 'user', content: 'What is in notes.txt?' }],
    tools: [
      {
        name: 'read_file',
        description: 'Read a file',
        parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] }
      }
    ],
    ...overrides
  }
}

describe('AnthropicProvider over the Messages wire format', () => {
  it('streams text and a tool call and assembles text, parsed arguments, usage, cost and native blocks', async () => {
    const { server, provider } = await serve({
      kind: 'message',
      blocks: [
        { type: 'text', text: 'Let me read the file for you.' },
        {
          type: 'tool_use',
          id: 'toolu_01',
          name: 'read_file',
          inputJson: '{"path": "notes.txt", "ratio": 1.0, "count": 2, "nested": {"deep": [true, null]}}'
        }
      ],
      usage: {
        input_tokens: 1000,
        output_tokens: 200,
        cache_read_input_tokens: 500,
        cache_creation_input_tokens: 100,
        cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 0 },
        output_tokens_details: { thinking_tokens: 40 }
      }
    })
    const response = (await provider.complete(request({ maxTokens: 777 }), { signal: signal() })) as PricedModelResponse

    expect(response.text).toBe('Let me read the file for you.')
    expect(response.toolCalls).toHaveLength(1)
    const call = response.toolCalls[0]
    expect(call).toMatchObject({ id: 'toolu_01', name: 'read_file' })
    expect(call.arguments.path).toBe('notes.txt')
    // 1.0 stays a float and 2 an int, as the model wrote them (spec 6.1).
    expect(call.arguments.ratio).toBe(1)
    expect(typeof call.arguments.ratio).toBe('number')
    expect(call.arguments.count).toBe(2n)
    expect(response.usage).toEqual({ input: 1000, output: 200, cache_read: 500, cache_write_5m: 100, reasoning: 40 })
    expect(response.stopReason).toBe('tool_use')
    expect(response.refusal).toBeUndefined()
    // Haiku 4.5: $1 in, $5 out, $0.10 cache read, $1.25 cache write per million tokens.
    expect(response.cost).toBeCloseTo((1000 * 1 + 200 * 5 + 500 * 0.1 + 100 * 1.25) / 1e6, 12)
    expect(response.billing.known_subtotal_usd).toBe('0.002175')
    expect(response.billing.status).toBe('complete')
    expect(response.billing.rate_card_id).toBe('anthropic/claude-haiku-4-5')

    const native = response.providerNative?.anthropic_content as any[]
    expect(native.map((block) => block.type)).toEqual(['text', 'tool_use'])
    expect(native[1].input.count).toBe(2n)
    expect(native[1].input.ratio).toBe(1)

    const sent = server.requests[0]
    expect(sent.path).toBe('/v1/messages')
    expect(sent.body.stream).toBe(true)
    expect(sent.body.model).toBe('claude-haiku-4-5')
    expect(sent.body.max_tokens).toBe(777)
    expect(sent.body.system).toBe('You read files.')
    expect(sent.body.tools).toEqual([
      {
        name: 'read_file',
        description: 'Read a file',
        input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] }
      }
    ])
    expect(sent.body.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'What is in notes.txt?' }] }])
    const credential = String(sent.headers['x-api-key'] ?? sent.headers.authorization ?? '')
    expect(credential).toContain(KEY)
  })

  it('sends tool results as tool_result blocks and replays native blocks (thinking signatures kept)', async () => {
    const { server, provider } = await serve({
      kind: 'message',
      blocks: [{ type: 'text', text: 'Both files say hello.' }],
      usage: { input_tokens: 50, output_tokens: 6 }
    })
    const native = [
      obj({ type: 'thinking', thinking: 'I should read both.', signature: 'sig-abc' }),
      obj({ type: 'text', text: 'Reading.', citations: null }),
      obj({
        type: 'tool_use',
        id: 'toolu_a',
        name: 'read_file',
        input: obj({ path: 'a.txt' }),
        caller: obj({ type: 'direct' })
      }),
      obj({ type: 'tool_use', id: 'toolu_b', name: 'read_file', input: obj({ path: 'b.txt' }) })
    ]
    const response = await provider.complete(
      request({
        maxTokens: undefined,
        messages: [
          { role: 'user', content: 'Read a.txt and b.txt' },
          {
            role: 'assistant',
            content: 'Reading.',
            toolCalls: [
              { id: 'toolu_a', name: 'read_file', arguments: obj({ path: 'a.txt' }) },
              { id: 'toolu_b', name: 'read_file', arguments: obj({ path: 'b.txt' }) }
            ],
            providerNative: obj({ anthropic_content: native })
          },
          { role: 'tool', content: 'hello from a', toolCallId: 'toolu_a', name: 'read_file' },
          { role: 'tool', content: 'hello from b', toolCallId: 'toolu_b', name: 'read_file' },
          { role: 'user', content: 'Summarise.' }
        ]
      }),
      { signal: signal() }
    )
    expect(response.text).toBe('Both files say hello.')
    expect(response.toolCalls).toEqual([])
    expect(response.stopReason).toBe('end_turn')

    const body = server.requests[0].body
    expect(body.max_tokens).toBe(4096)
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Read a.txt and b.txt' }] },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'I should read both.', signature: 'sig-abc' },
          { type: 'text', text: 'Reading.' },
          { type: 'tool_use', id: 'toolu_a', name: 'read_file', input: { path: 'a.txt' } },
          { type: 'tool_use', id: 'toolu_b', name: 'read_file', input: { path: 'b.txt' } }
        ]
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_a', content: 'hello from a' },
          { type: 'tool_result', tool_use_id: 'toolu_b', content: 'hello from b' },
          { type: 'text', text: 'Summarise.' }
        ]
      }
    ])
  })

  it('builds tool_use blocks from the tool calls when no native blocks were recorded', async () => {
    const { server, provider } = await serve({
      kind: 'message',
      blocks: [{ type: 'text', text: 'ok' }],
      usage: { input_tokens: 1, output_tokens: 1 }
    })
    await provider.complete(
      request({
        tools: [],
        system: '',
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'list_files', arguments: newObject() }] },
          { role: 'tool', content: '[]', toolCallId: 'call_1', name: 'list_files' }
        ]
      }),
      { signal: signal() }
    )
    const body = server.requests[0].body
    expect(body.system).toBeUndefined()
    expect(body.tools).toBeUndefined()
    expect(body.messages[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'tool_use', id: 'call_1', name: 'list_files', input: {} }]
    })
    expect(body.messages[2]).toEqual({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 'call_1', content: '[]' }]
    })
  })

  it('reports a refusal and prices an unknown model at 0 with billing "unknown"', async () => {
    const server = await startFakeAnthropic(() => ({
      kind: 'message',
      blocks: [{ type: 'text', text: 'I cannot help with that.' }],
      usage: { input_tokens: 9, output_tokens: 7 },
      stopReason: 'refusal'
    }))
    servers.push(server)
    const provider = new AnthropicProvider({
      model: 'claude-future-9',
      apiKey: KEY,
      baseUrl: server.url,
      maxRetries: 0
    })
    const response = (await provider.complete(request({ model: 'claude-future-9' }), {
      signal: signal()
    })) as PricedModelResponse
    expect(response.refusal).toBe('I cannot help with that.')
    expect(response.stopReason).toBe('refusal')
    expect(response.cost).toBeUndefined()
    expect(response.billing).toEqual(obj({ status: 'unknown', known_subtotal_usd: '0' }))
  })
})

describe('AnthropicProvider errors and cancellation', () => {
  it.each([
    [401, 'authentication_error', /^Anthropic rejected the API key \(401\)$/],
    [429, 'rate_limit_error', /^Anthropic rate limited the request \(429\); try again later: slow down$/],
    [500, 'api_error', /^Anthropic had a server error \(500\): slow down$/],
    [400, 'invalid_request_error', /^Anthropic rejected the request \(400\): slow down$/]
  ])('turns HTTP %i into one clear line, without retrying', async (status, errorType, expected) => {
    const { server, provider } = await serve({
      kind: 'error',
      status,
      errorType,
      message: `slow down ${status === 401 ? KEY : ''}`.trim()
    })
    const error = await provider.complete(request(), { signal: signal() }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as Error).message).toMatch(expected)
    expect((error as Error).message).not.toContain(KEY)
    expect((error as Error).message).not.toContain('\n')
    expect(server.requests).toHaveLength(1)
  })

  it('says which URL it cannot reach', async () => {
    const { server } = await serve({ kind: 'hang' })
    const url = server.url
    await server.close()
    servers.length = 0
    const provider = new AnthropicProvider({ model: 'claude-haiku-4-5', apiKey: KEY, baseUrl: url, maxRetries: 0 })
    const error = (await provider
      .complete(request(), { signal: signal() })
      .catch((caught: unknown) => caught)) as ProviderError
    expect(error.kind).toBe('network')
    expect(error.message).toMatch(new RegExp(`^cannot reach ${url.replace(/\./g, '\\.')}`))
  })

  it('stops a streaming response when the signal aborts', async () => {
    const { server, provider } = await serve({ kind: 'hang' })
    const controller = new AbortController()
    const pending = provider.complete(request(), { signal: controller.signal })
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    const started = Date.now()
    controller.abort()
    const error = (await pending.catch((caught: unknown) => caught)) as ProviderError
    expect(error).toBeInstanceOf(ProviderError)
    expect(error.kind).toBe('aborted')
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('refuses at once when the signal is already aborted, and needs a key', async () => {
    const { server, provider } = await serve({ kind: 'hang' })
    const controller = new AbortController()
    controller.abort()
    await expect(provider.complete(request(), { signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' })
    expect(server.requests).toHaveLength(0)
    expect(() => new AnthropicProvider({ model: 'claude-haiku-4-5' })).toThrow(/needs an API key/)
  })
})
