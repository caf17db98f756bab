import { describe, expect, it } from 'vitest'
import { AnthropicProvider } from './anthropic'
import { resolveCredentials, SECRET_NAMES, type SecretStore } from './keys'
import { findPrice, priceCall } from './pricing'
import { availableProviders, createProvider } from './registry'
import type { ModelProvider } from '../../../src-shared/agents/types'

const ANTHROPIC_KEY = 'sk-ant-from-env-0123456789abcdef'
const OPENAI_KEY = 'sk-proj-from-env-0123456789abcdef'

function store(values: Record<string, string>): SecretStore {
  return { getSecret: async (name) => values[name] }
}

describe('API keys', () => {
  it('prefers the settings store, falls back to the environment, and ignores blank values', async () => {
    const credentials = await resolveCredentials(
      { ANTHROPIC_API_KEY: ANTHROPIC_KEY, OPENAI_API_KEY: '   ' },
      store({ [SECRET_NAMES.anthropicApiKey]: 'sk-ant-from-settings-0123456789', [SECRET_NAMES.openaiApiKey]: '' })
    )
    expect(credentials.anthropic?.apiKey).toBe('sk-ant-from-settings-0123456789')
    expect(credentials.openai).toBeUndefined()
    expect(credentials.compatible).toBeUndefined()
    const fromEnv = await resolveCredentials({
      ANTHROPIC_API_KEY: ANTHROPIC_KEY,
      ANTHROPIC_BASE_URL: 'https://proxy.example/'
    })
    expect(fromEnv.anthropic).toEqual({ apiKey: ANTHROPIC_KEY, baseUrl: 'https://proxy.example/' })
  })

  it('gives a compatible server from Settings only its own key, and OPENAI_BASE_URL the OpenAI key it was paired with', async () => {
    const settingsServer = await resolveCredentials(
      { OPENAI_API_KEY: OPENAI_KEY },
      store({ [SECRET_NAMES.compatibleBaseUrl]: 'http://127.0.0.1:11434/v1' })
    )
    expect(settingsServer.compatible).toEqual({ baseUrl: 'http://127.0.0.1:11434/v1', apiKey: undefined })
    expect(settingsServer.openai).toEqual({ apiKey: OPENAI_KEY, baseUrl: undefined })
    const envServer = await resolveCredentials({
      OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1',
      OPENAI_API_KEY: OPENAI_KEY
    })
    expect(envServer.compatible).toEqual({ baseUrl: 'http://127.0.0.1:8000/v1', apiKey: OPENAI_KEY })
    expect(envServer.openai?.baseUrl).toBe('http://127.0.0.1:8000/v1')
  })

  it('lists providers whose keys are set plus offline, with no key anywhere in the listing', async () => {
    expect((await availableProviders({})).map((entry) => entry.id)).toEqual(['offline'])
    const listing = await availableProviders(
      { ANTHROPIC_API_KEY: ANTHROPIC_KEY, OPENAI_API_KEY: OPENAI_KEY },
      store({
        [SECRET_NAMES.compatibleBaseUrl]: 'http://127.0.0.1:11434/v1?token=abc',
        [SECRET_NAMES.compatibleApiKey]: 'local-secret-key-1'
      })
    )
    expect(listing.map((entry) => entry.id)).toEqual(['anthropic', 'openai', 'openai-compatible', 'offline'])
    const text = JSON.stringify(listing)
    for (const secret of [ANTHROPIC_KEY, OPENAI_KEY, 'local-secret-key-1', 'token=abc'])
      expect(text).not.toContain(secret)
    expect(listing[0].models.length).toBeGreaterThan(0)
  })
})

describe('provider registry', () => {
  it('builds each provider and refuses what it cannot build', () => {
    expect(createProvider({ provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: ANTHROPIC_KEY })).toBeInstanceOf(
      AnthropicProvider
    )
    expect(createProvider({ provider: 'openai', model: 'gpt-5', apiKey: OPENAI_KEY }).provider).toBe('openai')
    expect(
      createProvider({ provider: 'openai-compatible', model: 'llama3', baseUrl: 'http://127.0.0.1:11434/v1' }).provider
    ).toBe('openai-compatible')
    expect(() => createProvider({ provider: 'openai', model: 'gpt-5' })).toThrow(/OpenAI needs an API key/)
    expect(() => createProvider({ provider: 'gemini', model: 'x' })).toThrow(/unknown provider "gemini"/)
    expect(() => createProvider({ provider: 'anthropic', model: '', apiKey: ANTHROPIC_KEY })).toThrow(/choose a model/)
    expect(() => createProvider({ provider: 'offline', model: 'offline' })).toThrow(/offline model is not available/)
    const offline: ModelProvider = {
      provider: 'offline',
      model: 'offline',
      complete: async () => ({ text: 'hi', toolCalls: [], usage: { input: 0, output: 0 } })
    }
    expect(createProvider({ provider: 'offline', model: 'offline' }, { offline: () => offline })).toBe(offline)
  })
})

describe('pricing', () => {
  it('prices dated snapshots like their family and never confuses families', () => {
    expect(findPrice('anthropic', 'claude-haiku-4-5-20251001')?.id).toBe('claude-haiku-4-5')
    expect(findPrice('openai', 'gpt-4o-2024-08-06')?.id).toBe('gpt-4o')
    expect(findPrice('openai', 'gpt-4o-mini')?.id).toBe('gpt-4o-mini')
    expect(findPrice('openai', 'gpt-4o-mini-2024-07-18')?.id).toBe('gpt-4o-mini')
    expect(findPrice('anthropic', 'claude-opus-4-7')).toBeUndefined()
    expect(findPrice('openai-compatible', 'gpt-4o')).toBeUndefined()
    expect(findPrice('openai', 'constructor')).toBeUndefined()
  })

  it('computes the known subtotal and marks unknown models', () => {
    const priced = priceCall('openai', 'gpt-4.1', { input: 1_000_000, output: 500_000, cache_read: 100_000 })
    expect(priced.cost).toBeCloseTo(2 + 4 + 0.05, 9)
    expect(priced.billing.known_subtotal_usd).toBe('6.05')
    expect(priceCall('openai', 'gpt-4.1', { input: 0, output: 0 }).billing.known_subtotal_usd).toBe('0')
    expect(priceCall('anthropic', 'claude-next', { input: 10, output: 10 })).toEqual({
      cost: undefined,
      billing: expect.objectContaining({ status: 'unknown' })
    })
  })
})
