import { describe, expect, it } from 'vitest'
import { withRedactedResponses } from './redacting-provider'
import { withSecretsRedacted } from '../tools/redacting'
import type { ModelProvider, Tool } from '../../../src-shared/agents/types'
import { obj, toPlain } from '../../../src-shared/tine/json-value'

const KEY = 'plain-secret-Zq81VvW2x'
const signal = new AbortController().signal

describe('redaction before recording', () => {
  it('scrubs the exact key from a model answer but leaves credential-named arguments to the tool', async () => {
    const echo: ModelProvider = {
      provider: 'fake',
      model: 'm',
      complete: async () => ({
        text: `your key is ${KEY}`,
        toolCalls: [{ id: 'c1', name: 'fetch', arguments: obj({ token: 'page-2', header: `Bearer ${KEY}` }) }],
        usage: { input: 1, output: 1 },
        cost: 0.5,
        providerNative: obj({ anthropic_content: [obj({ type: 'text', text: KEY })] })
      })
    }
    const wrapped = withRedactedResponses(echo, [KEY, 'short'])
    const response = await wrapped.complete({ model: 'm', system: '', messages: [], tools: [] }, { signal })
    expect(response.text).toBe('your key is [REDACTED]')
    expect(toPlain(response.toolCalls[0].arguments)).toEqual({ token: 'page-2', header: 'Bearer [REDACTED]' })
    expect(JSON.stringify(toPlain(response.providerNative!))).not.toContain(KEY)
    expect(response.cost).toBe(0.5)
    expect(withRedactedResponses(echo, [])).toBe(echo)
  })

  it('scrubs tool results and tool error messages, keeping the tool declaration', async () => {
    const leaky: Tool = {
      name: 'leaky',
      description: 'd',
      parameters: { type: 'object' },
      sideEffects: true,
      idempotencyKey: () => 'k',
      run: async (args) => {
        if (args.fail) throw Object.assign(new Error(`cannot use ${KEY}`), { name: 'LeakError' })
        return obj({ line: `key=${KEY}`, password: 'hunter22' })
      }
    }
    const [wrapped] = withSecretsRedacted([leaky], [KEY])
    expect(wrapped.sideEffects).toBe(true)
    expect(wrapped.idempotencyKey?.(obj({}))).toBe('k')
    expect(toPlain(await wrapped.run(obj({}), { signal }))).toEqual({ line: 'key=[REDACTED]', password: '[REDACTED]' })
    const error = (await wrapped.run(obj({ fail: true }), { signal }).catch((caught: Error) => caught)) as Error
    expect(error.message).toBe('cannot use [REDACTED]')
    expect(error.name).toBe('LeakError')
  })
})
