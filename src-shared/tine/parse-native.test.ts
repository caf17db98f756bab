// The native fast path must read every input it accepts exactly as the full parser does: the same
// values (kinds, prototypes, key order, -0), the same canonical verdict and the same metadata
// span. Whatever it cannot prove, it must leave to the full parser, which alone refuses.
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { formatFloat } from './canonical'
import { MAX_DEPTH, parseArtifactText, parseFully } from './parse'
import { parseNatively } from './parse-native'
import { FIXTURES_DIR, EXAMPLES_DIR, walkFiles } from '../../e2e/kit/paths'

const BUDGET = 1_000_000
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() & 0x7fffffff

/** A description of a parsed value that tells apart everything the value model keeps apart. */
function shape(value: unknown): unknown {
  if (typeof value === 'bigint') return { int: value.toString() }
  if (typeof value === 'number') return { float: Object.is(value, -0) ? '-0' : String(value) }
  if (Array.isArray(value)) return { array: value.map(shape) }
  if (typeof value === 'object' && value !== null) {
    return {
      prototype:
        Object.getPrototypeOf(value) === null
          ? 'null'
          : Object.getPrototypeOf(value) === Object.prototype
            ? 'Object'
            : 'record',
      entries: Object.keys(value).map((key) => [key, shape((value as Record<string, unknown>)[key])])
    }
  }
  return value
}

/** Asserts the fast path agrees with the full parser; returns whether the fast path took the input. */
function agrees(text: string, maxDepth = MAX_DEPTH, budget = BUDGET): boolean {
  const fast = parseNatively(text, maxDepth, budget)
  if (fast === null) return false
  const full = parseFully(text, maxDepth, budget)
  expect(shape(fast.value)).toEqual(shape(full.value))
  expect(fast.canonical).toEqual(full.canonical)
  return true
}

function refusal(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    return String(error)
  }
  return 'accepted'
}

describe('the native fast path', () => {
  it('reads every real opentine file and example run as the full parser does, and takes them', () => {
    const files = [
      ...walkFiles(FIXTURES_DIR, '.tine'),
      ...walkFiles(EXAMPLES_DIR, '.tine'),
      ...walkFiles(FIXTURES_DIR, '.json')
    ]
    let taken = 0
    for (const file of files) if (agrees(readFileSync(file, 'utf8'))) taken++
    expect(files.length).toBeGreaterThan(15)
    // Files opentine wrote are sorted and plain; only the odd conformance suite needs the full parser.
    expect(taken).toBeGreaterThanOrEqual(files.length - 4)
  })

  it('agrees on floats at the edges of repr: fixed versus exponent, 15 and 16 digits, trailing zeros, -0', () => {
    const lexemes = [
      '0.0',
      '-0.0',
      '1.0',
      '-1.0',
      '0.1',
      '0.5',
      '0.50',
      '1.10',
      '100.0',
      '1e5',
      '1E5',
      '1.5e-7',
      '1e400',
      '0.0001',
      '0.00001',
      '0.0001234',
      '0.00012345678901234',
      '0.000123456789012345',
      '0.001000',
      '123456789012345.0',
      '1234567890123456.0',
      '9999999999999998.0',
      '10000000000000000.0',
      '12345678901234.5',
      '1234567890123.45',
      '123456789012345.6',
      '0.123456789012345',
      '0.1234567890123456',
      '0.30000000000000004',
      '0.3000000000000000',
      '1785636053.5354762',
      '1710000000.0',
      '5e-324',
      '2.5',
      '-123.456',
      '00.5',
      '1.',
      '.5',
      '-',
      '1e',
      '1e+',
      '-0',
      '0',
      '-5',
      '123456789012345',
      '1234567890123456'
    ]
    let taken = 0
    for (const lexeme of lexemes) {
      const text = `{"a": ${lexeme}, "b": [${lexeme}]}`
      if (agrees(text)) taken++
      else expect(refusal(() => parseArtifactText(text))).toBe(refusal(() => parseFully(text, MAX_DEPTH, BUDGET)))
    }
    expect(taken).toBeGreaterThan(30)
  })

  it('agrees with the full parser on random floats written as repr, as fixed decimals and as JS writes them', () => {
    const fixed = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 17n }), fc.integer({ min: 0, max: 18 }), fc.boolean())
      .map(([digits, point, negative]) => {
        const text = digits.toString().padStart(point + 1, '0')
        const lexeme = `${text.slice(0, text.length - point)}.${text.slice(text.length - point) || '0'}`
        return negative ? `-${lexeme}` : lexeme
      })
    const written = fc
      .double({ noNaN: true, noDefaultInfinity: true })
      .chain((x) => fc.constantFrom(formatFloat(x), String(x), x.toPrecision(15), x.toPrecision(17)))
    fc.assert(
      fc.property(fc.array(fc.oneof(fixed, written), { minLength: 1, maxLength: 8 }), (lexemes) => {
        const text = `{"f": [${lexemes.join(', ')}]}`
        if (agrees(text)) return
        // Left only for an integer over 15 digits (String(1e20)) or a lexeme that overflows (toPrecision(15) of the largest double).
        const verdict = refusal(() => parseFully(text, MAX_DEPTH, BUDGET))
        expect(verdict === 'accepted' || verdict.includes('overflows'), verdict).toBe(true)
      }),
      { numRuns: 2_000, seed: SEED }
    )
  })

  it('agrees on random documents, canonical or spaced out, with the metadata member anywhere', () => {
    const key = fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/)
    const leaf = fc.oneof(
      fc.constantFrom('null', 'true', 'false'),
      fc.bigInt({ min: 1n - 10n ** 15n, max: 10n ** 15n - 1n }).map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(formatFloat),
      fc.string({ unit: 'binary' }).map((s) => JSON.stringify(s)),
      fc
        .string()
        .map((s) =>
          JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
        )
    )
    const document = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
      object: fc.uniqueArray(fc.tuple(key, tie('value')), { selector: ([k]) => k, maxLength: 5 }).map(
        (entries) =>
          `{${entries
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, v]) => `"${k}":${v}`)
            .join(',')}}`
      )
    }))
    const root = fc.tuple(
      fc.uniqueArray(fc.tuple(key, document.value), { selector: ([k]) => k, maxLength: 5 }),
      fc.option(document.value, { nil: undefined }),
      fc.constantFrom('', ' ', '\n  ', '\t')
    )
    let taken = 0
    fc.assert(
      fc.property(root, ([entries, metadata, space]) => {
        const members =
          metadata === undefined
            ? entries
            : [...entries.filter(([k]) => k !== 'metadata'), ['metadata', metadata] as const]
        const body = members
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, v]) => `${space}"${k}"${space}:${space}${v}`)
          .join(`,${space}`)
        if (agrees(`${space}{${body}${space}}${space}`)) taken++
      }),
      { numRuns: 1_000, seed: SEED }
    )
    expect(taken).toBeGreaterThan(900)
  })

  it('finds the metadata member wherever it stands, spaced out or not', () => {
    const texts = [
      '{"metadata": {"a": 1}, "z": 2}',
      '{"metadata": 1}',
      '{"a": 1, "metadata": [1, {"b": 2}]}',
      '{ "a" : 1 ,\n  "metadata" : {} ,\n  "z" : [ ] }\n',
      '{"a": {"metadata": 1}, "b": 2}',
      '{\n  "metadata": {\n    "integrity": {}\n  }\n  ,\n  "x": "a b"\n}'
    ]
    for (const text of texts) {
      expect(agrees(text), text).toBe(true)
      expect(parseNatively(text, MAX_DEPTH, BUDGET)?.canonical, text).not.toBeNull()
    }
  })

  it('keeps __proto__ an ordinary key, as the full parser does', () => {
    const text = '{"__proto__": {"polluted": 1}, "a": [{"__proto__": null}]}'
    expect(agrees(text)).toBe(true)
    const value = parseArtifactText(text) as Record<string, unknown>
    expect(Object.keys(value)).toEqual(['__proto__', 'a'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('leaves to the full parser what it cannot prove, and the full parser gives its own verdict', () => {
    const left = [
      '{"b": 1, "a": 2}', // unsorted: JS key order would still be right, but the proof is cheaper sorted
      '{"a": 1, "a": 2}', // duplicate
      '{"1": 0, "a": 1}', // integer-like key, which JS would reorder
      '{"\\u0061": 1}', // escaped key
      '{"a": 1234567890123456}', // 16 digits: not exact as a JS number
      '{"a": "\\ud800"}', // lone high surrogate
      '{"a": "\\udc00x"}', // lone low surrogate
      '{"a": "\\ud800\\u0041"}', // high surrogate then not a low one
      '{"a": "tab\there"}', // raw control character
      '{"a": 1e400}', // overflows
      '{"a": NaN}',
      '{"a": 1,}',
      '{"a": 1} x',
      '',
      '{"a": "unterminated',
      '{"a": \'x\'}'
    ]
    for (const text of left) {
      expect(parseNatively(text, MAX_DEPTH, BUDGET), text).toBeNull()
      expect(refusal(() => parseArtifactText(text))).toBe(refusal(() => parseFully(text, MAX_DEPTH, BUDGET)))
    }
  })

  it('counts depth and structural tokens exactly as the full parser does', () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)
    expect(agrees(nested(MAX_DEPTH))).toBe(true)
    expect(parseNatively(nested(MAX_DEPTH + 1), MAX_DEPTH, BUDGET)).toBeNull()
    expect(() => parseArtifactText(nested(MAX_DEPTH + 1))).toThrow(/nesting deeper than 512/)
    for (const text of ['{"a": [1, 2, {"b": {}}], "c": []}', '[[], {}, [1], {"x": [true]}]', nested(40)]) {
      let budget = 1
      while (parseNatively(text, MAX_DEPTH, budget) === null) budget++
      expect(() => parseFully(text, MAX_DEPTH, budget)).not.toThrow()
      expect(() => parseFully(text, MAX_DEPTH, budget - 1)).toThrow(/structural tokens/)
    }
  })
})
