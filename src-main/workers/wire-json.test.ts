import { describe, expect, it } from 'vitest'
import { jsonTextOf, resultValueOf, WireJson } from './wire-json'

describe('results carried as JSON text', () => {
  it('sends wire text on as it came and parses it only for a value', () => {
    // Spacing JSON.stringify would not reproduce shows the text is passed on, not serialized again.
    const text = '{ "steps": [{"id": "a"}] }'
    const wire = new WireJson<{ steps: Array<{ id: string }> }>(text)
    expect(jsonTextOf(wire)).toBe(text)
    expect(resultValueOf(wire)).toEqual({ steps: [{ id: 'a' }] })
  })

  it('serializes and returns any other result as it is, nothing as null', () => {
    const value = { ok: true }
    expect(jsonTextOf(value)).toBe('{"ok":true}')
    expect(resultValueOf(value)).toBe(value)
    expect(jsonTextOf(undefined)).toBe('null')
  })
})
