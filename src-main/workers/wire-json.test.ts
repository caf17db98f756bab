import { describe, expect, it } from 'vitest'
import { jsonTextOf, parseWireJson } from './wire-json'

describe('results carried as JSON text', () => {
  it('sends a large result on as the text it came in, and serializes anything else', () => {
    const big = JSON.stringify({ steps: Array.from({ length: 5000 }, (_, index) => ({ id: `step-${index}` })) })
    const parsed = parseWireJson(big) as { steps: unknown[] }
    expect(parsed.steps).toHaveLength(5000)
    // The same text, not a fresh serialization: spacing JSON.stringify would not reproduce shows it.
    const spaced = big.replace('{"steps":', '{ "steps": ')
    expect(jsonTextOf(parseWireJson(spaced))).toBe(spaced)
    expect(jsonTextOf(parsed)).toBe(big)
    // A copy made on the main side (as markDropped makes one) is serialized afresh.
    const copy = { ...parsed, extra: true }
    expect(JSON.parse(jsonTextOf(copy))).toEqual({ ...JSON.parse(big), extra: true })
    // A small result keeps no text.
    const small = parseWireJson('{"ok": true}')
    expect(jsonTextOf(small)).toBe('{"ok":true}')
  })

  it('freezes a kept result, so an edit in place cannot leave its text stale', () => {
    const parsed = parseWireJson(JSON.stringify({ pad: 'x'.repeat(70_000), field: 1 })) as { field: number }
    expect(() => {
      parsed.field = 2
    }).toThrow(TypeError)
  })
})
