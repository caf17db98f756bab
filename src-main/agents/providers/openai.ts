/**
 * OpenAI Chat Completions through the official `openai` SDK, streamed
 * (chat.completions.create with stream: true) and assembled from the chunk deltas. The same
 * class serves OpenAI-compatible servers (see openai-compatible.ts).
 */
import OpenAI from 'openai'
import type { ModelProvider, ModelRequest, ModelResponse, TokenUsage, ToolCall } from '../../../src-shared/agents/types'
import { obj } from '../../../src-shared/tine/json-value'
import { ProviderError, toProviderError, type ErrorContext } from './errors'
import { toOpenAIParams, type OpenAIRequestStyle } from './openai-request'
import type { PricedModelResponse } from './priced-response'
import { priceCall } from './pricing'
import { DEFAULT_TIMEOUT_MS, type ProviderSettings } from './settings'
import { parseToolArguments } from './tool-arguments'

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1'

export interface ChatCompletionsFlavour extends OpenAIRequestStyle {
  provider: 'openai' | 'openai-compatible'
  /** Used in error lines: "OpenAI", or "the endpoint at http://…". */
  label: string
  baseUrl: string
  /** Sent when the server needs none (the SDK insists on a non-empty key). */
  apiKey: string
}

export class ChatCompletionsProvider implements ModelProvider {
  readonly provider: 'openai' | 'openai-compatible'
  readonly model: string
  private readonly client: OpenAI
  private readonly flavour: ChatCompletionsFlavour
  private readonly errorContext: ErrorContext

  constructor(settings: ProviderSettings, flavour: ChatCompletionsFlavour) {
    this.provider = flavour.provider
    this.model = settings.model
    this.flavour = flavour
    // Every option is explicit so the SDK reads no environment variable (a compatible server
    // must never receive OPENAI_API_KEY or OPENAI_ORG_ID by accident).
    this.client = new OpenAI({
      apiKey: flavour.apiKey,
      baseURL: flavour.baseUrl,
      organization: null,
      project: null,
      adminAPIKey: null,
      webhookSecret: null,
      maxRetries: settings.maxRetries ?? 2,
      timeout: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      logLevel: 'off'
    })
    this.errorContext = {
      label: flavour.label,
      baseUrl: flavour.baseUrl,
      model: settings.model,
      apiKey: settings.apiKey
    }
  }

  async complete(request: ModelRequest, options: { signal: AbortSignal }): Promise<ModelResponse> {
    const model = request.model || this.model
    const context = { ...this.errorContext, model }
    if (options.signal.aborted) throw new ProviderError('aborted', `${this.flavour.label} request cancelled`)
    try {
      const stream = await this.client.chat.completions.create(toOpenAIParams({ ...request, model }, this.flavour), {
        signal: options.signal
      })
      const assembler = new ChunkAssembler(this.flavour.label)
      for await (const chunk of stream) assembler.add(chunk)
      // The SDK ends the iteration quietly on abort; a half-streamed answer must not pass as whole.
      if (options.signal.aborted) throw new ProviderError('aborted', `${this.flavour.label} request cancelled`)
      return assembler.finish(this.provider, model)
    } catch (error) {
      throw toProviderError(error, context, options.signal)
    }
  }
}

interface PartialToolCall {
  id: string
  name: string
  arguments: string
}

/** Some local servers stream their chain of thought under one of these non-standard keys. */
const REASONING_KEYS = ['reasoning_content', 'reasoning'] as const

class ChunkAssembler {
  private text = ''
  private refusal = ''
  private reasoning = ''
  private finishReason: string | undefined
  private usage: OpenAI.CompletionUsage | undefined
  private readonly calls: PartialToolCall[] = []

  constructor(private readonly label: string) {}

  add(chunk: OpenAI.Chat.Completions.ChatCompletionChunk): void {
    if (chunk.usage) this.usage = chunk.usage
    const choice = chunk.choices?.[0]
    if (!choice) return
    if (choice.finish_reason) this.finishReason = choice.finish_reason
    const delta = choice.delta ?? {}
    if (delta.content) this.text += delta.content
    if (delta.refusal) this.refusal += delta.refusal
    for (const key of REASONING_KEYS) {
      const piece = (delta as Record<string, unknown>)[key]
      if (typeof piece === 'string') this.reasoning += piece
    }
    for (const piece of delta.tool_calls ?? []) {
      const slot = (this.calls[piece.index] ??= { id: '', name: '', arguments: '' })
      if (piece.id) slot.id = piece.id
      if (piece.function?.name && !slot.name) slot.name = piece.function.name
      if (piece.function?.arguments) slot.arguments += piece.function.arguments
    }
  }

  finish(provider: string, model: string): PricedModelResponse {
    const toolCalls: ToolCall[] = []
    this.calls.forEach((call, index) => {
      if (!call) return
      if (!call.name) throw new ProviderError('bad-response', `${this.label} sent a tool call without a name`)
      toolCalls.push({
        id: call.id || `call_${index}`,
        name: call.name,
        arguments: parseToolArguments(call.arguments, call.name, this.label)
      })
    })
    const usage = mapUsage(this.usage)
    const priced = priceCall(provider, model, usage)
    const response: PricedModelResponse = {
      text: this.text,
      toolCalls,
      usage,
      cost: priced.cost,
      billing: priced.billing,
      stopReason: this.finishReason
    }
    if (this.refusal) response.refusal = this.refusal
    if (this.reasoning) response.providerNative = obj({ reasoning_content: this.reasoning })
    return response
  }
}

/** OpenAI counts cached tokens inside prompt_tokens; opentine's `input` is the uncached rest. */
export function mapUsage(usage: OpenAI.CompletionUsage | undefined): TokenUsage {
  if (!usage) return { input: 0, output: 0 }
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0
  const mapped: TokenUsage = {
    input: Math.max(0, (usage.prompt_tokens ?? 0) - cached),
    output: usage.completion_tokens ?? 0
  }
  const reasoning = usage.completion_tokens_details?.reasoning_tokens ?? 0
  if (cached) mapped.cache_read = cached
  if (reasoning) mapped.reasoning = reasoning
  return mapped
}

export function createOpenAIProvider(settings: ProviderSettings): ChatCompletionsProvider {
  if (!settings.apiKey)
    throw new ProviderError('auth', 'OpenAI needs an API key (set OPENAI_API_KEY or add it in Settings)')
  const baseUrl = settings.baseUrl || OPENAI_DEFAULT_BASE_URL
  return new ChatCompletionsProvider(settings, {
    provider: 'openai',
    label: 'OpenAI',
    baseUrl,
    apiKey: settings.apiKey,
    maxTokensField: 'max_completion_tokens'
  })
}
