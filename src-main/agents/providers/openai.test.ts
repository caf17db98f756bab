import { afterEach, describe, expect, it } from 'vitest'
import { ProviderError } from './errors'
import { createOpenAIProvider } from './openai'
import { createOpenAICompatibleProvider } from './openai-compatible'
import type { PricedModelResponse } from './priced-response'
import type { ModelRequest } from '../../../src-shared/agents/types'
import { obj } from '../../../src-shared/tine/json-value'
import { startFakeOpenAI, type OpenAIReply } from './testing/fake-openai'
import type { FakeServer } from './testing/fake-server'

const KEY = 'sk-proj-test-0123456789abcdefghijkl'
const servers: FakeServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function serve(...replies: OpenAIReply[]): Promise<FakeServer> {
  const server = await startFakeOpenAI((_request, index) => replies[Math.min(index, replies.length - 1)])
  servers.push(server)
  return server
}

const signal = () => new AbortController().signal

function request(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    model: 'gpt-4o-mini',
    system: 'You read files.',
    messages: [{ role: 'user', content: 'Compare a.txt and b.txt' }],
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

describe('OpenAI provider over the Chat Completions wire format', () => {
  it('streams text and two tool calls in pieces and assembles them with usage and cost', async () => {
    const server = await serve({
      kind: 'message',
      text: 'Reading both files.',
      toolCalls: [
        { id: 'call_a', name: 'read_file', argumentsJson: '{"path": "a.txt", "limit": 10, "scale": 2.0}' },
        { id: 'call_b', name: 'read_file', argumentsJson: '{"path": "b.txt"}' }
      ],
      usage: {
        prompt_tokens: 1200,
        completion_tokens: 300,
        total_tokens: 1500,
        prompt_tokens_details: { cached_tokens: 200 },
        completion_tokens_details: { reasoning_tokens: 120 }
      }
    })
    const provider = createOpenAIProvider({
      model: 'gpt-4o-mini',
      apiKey: KEY,
      baseUrl: `${server.url}/v1`,
      maxRetries: 0
    })
    const response = (await provider.complete(request({ maxTokens: 500 }), { signal: signal() })) as PricedModelResponse

    expect(provider.provider).toBe('openai')
    expect(response.text).toBe('Reading both files.')
    expect(response.toolCalls.map((call) => [call.id, call.name, call.arguments.path])).toEqual([
      ['call_a', 'read_file', 'a.txt'],
      ['call_b', 'read_file', 'b.txt']
    ])
    expect(response.toolCalls[0].arguments.limit).toBe(10n)
    expect(typeof response.toolCalls[0].arguments.scale).toBe('number')
    // prompt_tokens counts the cached ones; opentine's input is the uncached rest.
    expect(response.usage).toEqual({ input: 1000, output: 300, cache_read: 200, reasoning: 120 })
    expect(response.stopReason).toBe('tool_calls')
    // gpt-4o-mini: $0.15 in, $0.60 out, $0.075 cached per million tokens.
    expect(response.cost).toBeCloseTo((1000 * 0.15 + 300 * 0.6 + 200 * 0.075) / 1e6, 12)
    expect(response.billing.status).toBe('complete')
    expect(response.providerNative).toBeUndefined()

    const sent = server.requests[0]
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(sent.body.stream).toBe(true)
    expect(sent.body.stream_options).toEqual({ include_usage: true })
    expect(sent.body.max_completion_tokens).toBe(500)
    expect(sent.body.max_tokens).toBeUndefined()
    expect(sent.body.messages).toEqual([
      { role: 'system', content: 'You read files.' },
      { role: 'user', content: 'Compare a.txt and b.txt' }
    ])
    expect(sent.body.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'read_file',
          description: 'Read a file',
          parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] }
        }
      }
    ])
  })

  it('sends earlier tool calls and their results the way the API expects them', async () => {
    const server = await serve({
      kind: 'message',
      text: 'They differ.',
      usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 }
    })
    const provider = createOpenAIProvider({
      model: 'gpt-4o-mini',
      apiKey: KEY,
      baseUrl: `${server.url}/v1`,
      maxRetries: 0
    })
    const response = await provider.complete(
      request({
        system: '',
        tools: [],
        messages: [
          { role: 'user', content: 'Compare' },
          {
            role: 'assistant',
            content: '',
            toolCalls: [
              { id: 'call_a', name: 'read_file', arguments: obj({ path: 'a.txt', scale: 2.0 }) },
              { id: 'call_b', name: 'read_file', arguments: obj({ path: 'b.txt', limit: 3n }) }
            ]
          },
          { role: 'tool', content: 'alpha', toolCallId: 'call_a', name: 'read_file' },
          { role: 'tool', content: 'beta', toolCallId: 'call_b', name: 'read_file' },
          { role: 'assistant', content: 'Noted.' },
          { role: 'user', content: 'And now?' }
        ]
      }),
      { signal: signal() }
    )
    expect(response.text).toBe('They differ.')
    expect(response.stopReason).toBe('stop')
    const body = server.requests[0].body
    expect(body.tools).toBeUndefined()
    expect(body.messages).toEqual([
      { role: 'user', content: 'Compare' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_a',
            type: 'function',
            function: { name: 'read_file', arguments: '{"path":"a.txt","scale":2.0}' }
          },
          { id: 'call_b', type: 'function', function: { name: 'read_file', arguments: '{"limit":3,"path":"b.txt"}' } }
        ]
      },
      { role: 'tool', tool_call_id: 'call_a', content: 'alpha' },
      { role: 'tool', tool_call_id: 'call_b', content: 'beta' },
      { role: 'assistant', content: 'Noted.' },
      { role: 'user', content: 'And now?' }
    ])
  })

  it('reports a refusal, and an unknown model costs 0 with billing "unknown"', async () => {
    const server = await serve({
      kind: 'message',
      refusal: 'I will not do that.',
      usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 }
    })
    const provider = createOpenAIProvider({ model: 'gpt-99', apiKey: KEY, baseUrl: `${server.url}/v1`, maxRetries: 0 })
    const response = (await provider.complete(request({ model: 'gpt-99' }), {
      signal: signal()
    })) as PricedModelResponse
    expect(response.refusal).toBe('I will not do that.')
    expect(response.cost).toBeUndefined()
    expect(response.billing.status).toBe('unknown')
  })

  it('refuses tool arguments that are not a JSON object', async () => {
    const server = await serve({
      kind: 'message',
      toolCalls: [{ id: 'call_x', name: 'read_file', argumentsJson: '{"path": "a.txt"' }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 }
    })
    const provider = createOpenAIProvider({
      model: 'gpt-4o-mini',
      apiKey: KEY,
      baseUrl: `${server.url}/v1`,
      maxRetries: 0
    })
    const error = (await provider
      .complete(request(), { signal: signal() })
      .catch((caught: unknown) => caught)) as ProviderError
    expect(error.kind).toBe('bad-response')
    expect(error.message).toMatch(/^OpenAI sent arguments for tool "read_file" that are not valid JSON/)
  })
})

describe('OpenAI-compatible endpoints', () => {
  it('needs no key, sends max_tokens and never leaks OPENAI_API_KEY or OPENAI_ORG_ID from the environment', async () => {
    const saved = { key: process.env.OPENAI_API_KEY, org: process.env.OPENAI_ORG_ID }
    process.env.OPENAI_API_KEY = 'sk-env-should-never-be-sent-0123456789'
    process.env.OPENAI_ORG_ID = 'org-should-never-be-sent'
    try {
      const server = await serve({
        kind: 'message',
        text: 'local answer',
        usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 }
      })
      const provider = createOpenAICompatibleProvider({
        model: 'llama3.2',
        baseUrl: `${server.url}/v1/`,
        maxRetries: 0
      })
      const response = (await provider.complete(request({ model: 'llama3.2', maxTokens: 64 }), {
        signal: signal()
      })) as PricedModelResponse
      expect(provider.provider).toBe('openai-compatible')
      expect(response.text).toBe('local answer')
      expect(response.billing.status).toBe('unknown')
      const sent = server.requests[0]
      expect(sent.body.max_tokens).toBe(64)
      expect(sent.body.max_completion_tokens).toBeUndefined()
      expect(JSON.stringify(sent.headers)).not.toContain('should-never-be-sent')
    } finally {
      for (const [name, value] of [
        ['OPENAI_API_KEY', saved.key],
        ['OPENAI_ORG_ID', saved.org]
      ] as const) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  })

  it('names the endpoint in errors and refuses a base URL with credentials in it', async () => {
    const server = await serve({ kind: 'error', status: 401, errorType: 'invalid_api_key', message: 'bad key' })
    const provider = createOpenAICompatibleProvider({
      model: 'qwen',
      apiKey: 'local-key-123456',
      baseUrl: `${server.url}/v1`,
      maxRetries: 0
    })
    await expect(provider.complete(request({ model: 'qwen' }), { signal: signal() })).rejects.toThrow(
      `the endpoint at ${server.url}/v1 rejected the API key (401)`
    )
    expect(() => createOpenAICompatibleProvider({ model: 'qwen', baseUrl: 'http://user:pw@127.0.0.1:1/v1' })).toThrow(
      /not in the base URL/
    )
    expect(() => createOpenAICompatibleProvider({ model: 'qwen', baseUrl: 'ftp://127.0.0.1/v1' })).toThrow(
      /http or https/
    )
    expect(() => createOpenAICompatibleProvider({ model: 'qwen' })).toThrow(/needs a base URL/)
  })
})

describe('OpenAI errors and cancellation', () => {
  it.each([
    [401, 'invalid_api_key', /^OpenAI rejected the API key \(401\)$/],
    [429, 'rate_limit_exceeded', /^OpenAI rate limited the request \(429\); try again later: quota/],
    [500, 'server_error', /^OpenAI had a server error \(500\): quota/],
    [404, 'model_not_found', /^OpenAI has no model "gpt-4o-mini" or no such endpoint \(404\)/]
  ])('turns HTTP %i into one clear line, without retrying', async (status, errorType, expected) => {
    const server = await serve({ kind: 'error', status, errorType, message: `quota ${KEY}` })
    const provider = createOpenAIProvider({
      model: 'gpt-4o-mini',
      apiKey: KEY,
      baseUrl: `${server.url}/v1`,
      maxRetries: 0
    })
    const error = (await provider
      .complete(request(), { signal: signal() })
      .catch((caught: unknown) => caught)) as ProviderError
    expect(error).toBeInstanceOf(ProviderError)
    expect(error.message).toMatch(expected)
    expect(error.message).not.toContain(KEY)
    expect(server.requests).toHaveLength(1)
  })

  it('says which URL it cannot reach', async () => {
    const server = await serve({ kind: 'hang' })
    const url = `${server.url}/v1`
    await server.close()
    servers.length = 0
    const provider = createOpenAIProvider({ model: 'gpt-4o-mini', apiKey: KEY, baseUrl: url, maxRetries: 0 })
    const error = (await provider
      .complete(request(), { signal: signal() })
      .catch((caught: unknown) => caught)) as ProviderError
    expect(error.kind).toBe('network')
    expect(error.message.startsWith(`cannot reach ${url}`)).toBe(true)
  })

  it('stops a streaming response when the signal aborts', async () => {
    const server = await serve({ kind: 'hang' })
    const provider = createOpenAIProvider({
      model: 'gpt-4o-mini',
      apiKey: KEY,
      baseUrl: `${server.url}/v1`,
      maxRetries: 0
    })
    const controller = new AbortController()
    const pending = provider.complete(request(), { signal: controller.signal })
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    await new Promise((resolve) => setTimeout(resolve, 20))
    controller.abort()
    const error = (await pending.catch((caught: unknown) => caught)) as ProviderError
    expect(error.kind).toBe('aborted')
    expect(error.name).toBe('AbortError')
  })
})
