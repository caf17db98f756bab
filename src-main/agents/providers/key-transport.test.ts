import { describe, expect, it } from 'vitest'
import { createProvider } from './registry'

const KEY = 'sk-test-0123456789abcdef'

describe('API keys and plain http', () => {
  it('refuses a key over http:// to another host, for every SDK provider', () => {
    for (const provider of ['openai', 'anthropic', 'openai-compatible']) {
      expect(() =>
        createProvider({ provider, model: 'm', apiKey: KEY, baseUrl: 'http://models.example.com/v1' })
      ).toThrow('refusing to send an API key over plain http to models.example.com')
    }
  })

  it('allows https, loopback http, and http without a key', () => {
    for (const baseUrl of [
      'https://models.example.com/v1',
      'http://127.0.0.1:8080/v1',
      'http://localhost:11434/v1',
      'http://[::1]:9000/v1'
    ]) {
      expect(() => createProvider({ provider: 'openai', model: 'm', apiKey: KEY, baseUrl })).not.toThrow()
    }
    expect(() =>
      createProvider({ provider: 'openai-compatible', model: 'm', baseUrl: 'http://gpu-box.lan:8000/v1' })
    ).not.toThrow()
  })
})
