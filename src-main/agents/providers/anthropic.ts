/**
 * Claude through the official Anthropic SDK. The response is streamed (messages.stream) and
 * assembled into one ModelResponse; the native content blocks ride along in the transcript
 * as `anthropic_content` (spec 19).
 */
import Anthropic from '@anthropic-ai/sdk'
import type { ModelProvider, ModelRequest, ModelResponse, TokenUsage, ToolCall } from '../../../src-shared/agents/types'
import { deepCopy, fromPlain, isObject, obj, type JsonObject } from '../../../src-shared/tine/json-value'
import { ANTHROPIC_NATIVE_KEY, toAnthropicParams } from './anthropic-request'
import { ProviderError, toProviderError, type ErrorContext } from './errors'
import { priceCall } from './pricing'
import { DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT_MS, type ProviderSettings } from './settings'
import { parseToolArguments } from './tool-arguments'
import type { PricedModelResponse } from './priced-response'

export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com'

export class AnthropicProvider implements ModelProvider {
  readonly provider = 'anthropic'
  readonly model: string
  private readonly client: Anthropic
  private readonly errorContext: ErrorContext
  private readonly maxTokens: number

  constructor(settings: ProviderSettings) {
    if (!settings.apiKey)
      throw new ProviderError('auth', 'Anthropic needs an API key (set ANTHROPIC_API_KEY or add it in Settings)')
    const baseUrl = settings.baseUrl || ANTHROPIC_DEFAULT_BASE_URL
    this.model = settings.model
    this.maxTokens = settings.defaultMaxTokens ?? DEFAULT_MAX_TOKENS
    // Every option is explicit so the SDK reads no environment variable, profile or config file.
    this.client = new Anthropic({
      apiKey: settings.apiKey,
      baseURL: baseUrl,
      maxRetries: settings.maxRetries ?? 2,
      timeout: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      logLevel: 'off',
      openTelemetry: false,
      webhookKey: null
    })
    this.errorContext = { label: 'Anthropic', baseUrl, model: settings.model, apiKey: settings.apiKey }
  }

  async complete(request: ModelRequest, options: { signal: AbortSignal }): Promise<ModelResponse> {
    const model = request.model || this.model
    const context = { ...this.errorContext, model }
    if (options.signal.aborted) throw new ProviderError('aborted', 'Anthropic request cancelled')
    const rawArguments = new Map<number, string>()
    try {
      const stream = this.client.messages.stream(toAnthropicParams({ ...request, model }, this.maxTokens), {
        signal: options.signal
      })
      stream.on('streamEvent', (event) => {
        if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
          rawArguments.set(event.index, (rawArguments.get(event.index) ?? '') + event.delta.partial_json)
        }
      })
      const message = await stream.finalMessage()
      if (options.signal.aborted) throw new ProviderError('aborted', 'Anthropic request cancelled')
      return assembleResponse(message, rawArguments, model)
    } catch (error) {
      throw toProviderError(error, context, options.signal)
    }
  }
}

function assembleResponse(
  message: Anthropic.Message,
  rawArguments: Map<number, string>,
  model: string
): PricedModelResponse {
  const native = fromPlain(message.content) as JsonObject[]
  let text = ''
  const toolCalls: ToolCall[] = []
  message.content.forEach((block, index) => {
    if (block.type === 'text') text += block.text
    else if (block.type === 'tool_use') {
      const raw = rawArguments.get(index)
      const args =
        raw !== undefined ? parseToolArguments(raw, block.name, 'Anthropic') : objectArguments(block.input, block.name)
      toolCalls.push({ id: block.id, name: block.name, arguments: args })
      // The transcript copy keeps the exact int/float spelling of the parsed arguments.
      if (isObject(native[index])) native[index].input = deepCopy(args)
    }
  })
  const usage = mapUsage(message.usage)
  const priced = priceCall('anthropic', model, usage)
  const response: PricedModelResponse = {
    text,
    toolCalls,
    usage,
    cost: priced.cost,
    billing: priced.billing,
    stopReason: message.stop_reason ?? undefined,
    providerNative: obj({ [ANTHROPIC_NATIVE_KEY]: native })
  }
  if (message.stop_reason === 'refusal')
    response.refusal = message.stop_details?.explanation || text || 'the model declined to answer'
  return response
}

function objectArguments(input: unknown, toolName: string): JsonObject {
  const value = fromPlain(input ?? {})
  if (!isObject(value))
    throw new ProviderError(
      'bad-response',
      `Anthropic sent arguments for tool "${toolName}" that are not a JSON object`
    )
  return value
}

export function mapUsage(usage: Anthropic.Usage): TokenUsage {
  const mapped: TokenUsage = { input: usage.input_tokens ?? 0, output: usage.output_tokens ?? 0 }
  const cacheRead = usage.cache_read_input_tokens ?? 0
  // `cache_creation` splits writes by lifetime; older responses only give the total.
  const cacheWrite5m = usage.cache_creation
    ? usage.cache_creation.ephemeral_5m_input_tokens
    : (usage.cache_creation_input_tokens ?? 0)
  const reasoning = usage.output_tokens_details?.thinking_tokens ?? 0
  if (cacheRead) mapped.cache_read = cacheRead
  if (cacheWrite5m) mapped.cache_write_5m = cacheWrite5m
  if (reasoning) mapped.reasoning = reasoning
  return mapped
}
