// Random values of our JSON model: the canonical form, its SHA-256, the integrity digest and the
// pretty on-disk spelling must equal what Python (tine_ref.py and json.dumps) produces, and
// parse(prettyJson(v)) must give v back. Each property sends its whole sample to ONE Python
// process; only when a sample fails does it re-run with per-value Python calls so fast-check
// can shrink to a small counterexample.
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { canonicalBytes, canonicalString } from './canonical'
import { sha256Hex } from './hash'
import { integrityDigest } from './integrity'
import { isObject, jsonEqual, newObject, obj, type JsonObject, type JsonValue } from './json-value'
import { parseArtifactBytesWithLayout, parseArtifactText } from './parse'
import { canonicalTextDigest } from './canonical-text'
import { prettyJson } from './pretty'
import { pythonCanon, type PythonCanon } from '../../e2e/kit/oracle'
import { FIXTURES_DIR, walkFiles } from '../../e2e/kit/paths'

const RUNS = 300
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() & 0x7fffffff

// ---------------------------------------------------------------------------------------------
// Arbitraries for the value model
// ---------------------------------------------------------------------------------------------

/** The double `ulps` representable steps away from `x` (same sign). */
function nudge(x: number, ulps: number): number {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, x)
  view.setBigInt64(0, view.getBigInt64(0) + BigInt(ulps))
  return view.getFloat64(0)
}

const BOUNDARY_FLOATS = [
  1e16,
  1e-4,
  1e-5,
  1e15,
  1e21,
  1e22,
  2 ** 53,
  5e-324,
  2.2250738585072014e-308,
  1.7976931348623157e308,
  0.1,
  1e-7
]

const trickyFloat: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    5e-324,
    -5e-324,
    1.7976931348623157e308,
    -1.7976931348623157e308,
    2.225073858507201e-308,
    1e16,
    9999999999999998,
    1e-4,
    9.999999999999999e-5,
    1e-5,
    0.1,
    0.30000000000000004,
    1710000000,
    1785636053.5354762
  ),
  fc
    .tuple(fc.constantFrom(...BOUNDARY_FLOATS), fc.integer({ min: -3, max: 3 }), fc.boolean())
    .map(([x, ulps, negative]) => {
      const value = nudge(x, x === 5e-324 && ulps < 0 ? -ulps : ulps)
      return Number.isFinite(value) ? (negative ? -value : value) : x
    }),
  // Subnormals.
  fc.double({ min: -2.2250738585072014e-308, max: 2.2250738585072014e-308, noNaN: true }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true })
)

const trickyInt: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.bigInt({ min: -(10n ** 80n), max: 10n ** 80n }),
  fc.constantFrom(
    0n,
    -1n,
    2n ** 53n,
    2n ** 53n + 1n,
    2n ** 64n,
    -(2n ** 64n) - 1n,
    2n ** 63n - 1n,
    10n ** 300n,
    -(10n ** 4095n)
  ),
  fc.integer().map(BigInt)
)

/** One character, weighted towards the spellings that are easy to get wrong. */
const trickyChar: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.integer({ min: 0x00, max: 0x1f }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constantFrom('\u007f', '"', '\\', '/', '\u2028', '\u00e9', '\u2603', '\ufeff') },
  { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xd7ff }).map((c) => String.fromCharCode(c)) },
  { weight: 3, arbitrary: fc.integer({ min: 0xe000, max: 0xffff }).map((c) => String.fromCharCode(c)) },
  { weight: 3, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) }
)

const trickyString = fc.string({ unit: trickyChar, maxLength: 12 })

/** Keys that sort differently by UTF-16 unit and by code point (non-BMP vs U+E000..U+FFFF). */
const trickyKey: fc.Arbitrary<string> = fc.oneof(
  trickyString,
  fc.constantFrom(
    '',
    'a',
    'A',
    '__proto__',
    'constructor',
    '0',
    '10',
    '2',
    '\ue000',
    '\uffff',
    '\u{10000}',
    '\u{1f600}',
    'a\u{1f600}',
    'a\uffff'
  ),
  fc
    .tuple(
      fc.constantFrom('', 'k', 'z'),
      fc.integer({ min: 0xe000, max: 0xffff }),
      fc.integer({ min: 0x10000, max: 0x10ffff })
    )
    .map(([prefix, bmp, astral]) => prefix + String.fromCharCode(bmp) + String.fromCodePoint(astral))
)

function toObject(entries: Array<[string, JsonValue]>): JsonObject {
  return newObject(entries)
}

const { value: jsonValue } = fc.letrec<{ value: JsonValue; object: JsonObject }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    fc.constant(null),
    fc.boolean(),
    trickyInt,
    trickyFloat,
    trickyString,
    fc.array(tie('value'), { maxLength: 5 }),
    tie('object')
  ),
  object: fc.uniqueArray(fc.tuple(trickyKey, tie('value')), { maxLength: 6, selector: ([key]) => key }).map(toObject)
}))

const keyHeavyObject = fc
  .uniqueArray(fc.tuple(trickyKey, fc.oneof(trickyInt, trickyString)), {
    minLength: 2,
    maxLength: 16,
    selector: ([key]) => key
  })
  .map(toObject)

// ---------------------------------------------------------------------------------------------
// The tagged transport to Python
// ---------------------------------------------------------------------------------------------

/**
 * The conformance vectors' tagged form. Floats travel as JavaScript's own shortest round-trip
 * spelling (not formatFloat) so a digit-losing formatFloat cannot hide behind a matching
 * round trip. Strings travel as code points: tine_ref.decode_tagged does chr() per element,
 * so UTF-16 units of a non-BMP character would arrive as two lone surrogates and sort before
 * U+E000 in Python.
 */
function toTagged(value: JsonValue): unknown {
  if (value === null || typeof value === 'boolean') return value
  if (typeof value === 'bigint') return { $i: value.toString() }
  if (typeof value === 'number') return { $f: Object.is(value, -0) ? '-0.0' : String(value) }
  if (typeof value === 'string') return { $u: codePointsHex(value) }
  if (Array.isArray(value)) return value.map(toTagged)
  return { $obj: Object.keys(value).map((key) => [{ $u: codePointsHex(key) }, toTagged(value[key])]) }
}

function codePointsHex(text: string): string[] {
  return Array.from(text, (char) => char.codePointAt(0)!.toString(16))
}

type Check = (value: JsonValue, python: PythonCanon) => string | null

/** Runs `check` over RUNS values with a single Python process; shrinks through Python on failure. */
function assertAgainstPython(arbitrary: fc.Arbitrary<JsonValue>, check: Check): void {
  const values = fc.sample(arbitrary, { numRuns: RUNS, seed: SEED })
  const answers = pythonCanon(values.map(toTagged))
  const failing = values.findIndex((value, index) => check(value, answers[index]) !== null)
  if (failing < 0) return
  const first = values[failing]
  // Slow path, only on failure: one Python call per candidate, so fast-check can shrink.
  fc.assert(
    fc.property(arbitrary, (value) => {
      const problem = check(value, pythonCanon([toTagged(value)])[0])
      if (problem) throw new Error(problem)
    }),
    { numRuns: RUNS, seed: SEED }
  )
  throw new Error(`seed ${SEED}: ${check(first, answers[failing])} for ${canonicalString(first)}`)
}

function canonMismatch(value: JsonValue, python: PythonCanon): string | null {
  const ours = canonicalString(value)
  if (ours !== python.canon)
    return `canonicalString ${JSON.stringify(ours)} != canon_v2 ${JSON.stringify(python.canon)}`
  const digest = sha256Hex(canonicalBytes(value))
  if (digest !== python.sha256) return `sha256 ${digest} != ${python.sha256}`
  const integrity = integrityDigest(obj({ body: value, metadata: value }))
  if (integrity !== python.integrity) return `integrityDigest ${integrity} != ${python.integrity}`
  return null
}

function prettyMismatch(value: JsonValue, python: PythonCanon): string | null {
  const ours = prettyJson(value)
  return ours === python.pretty
    ? null
    : `prettyJson ${JSON.stringify(ours)} != json.dumps ${JSON.stringify(python.pretty)}`
}

describe(`canonical form against Python (seed ${SEED}, ${RUNS} runs per property)`, () => {
  it('canonicalString, its SHA-256 and integrityDigest equal tine_ref for any value', () => {
    assertAgainstPython(jsonValue, canonMismatch)
  })

  it('orders keys by code point exactly like Python (non-BMP vs U+E000..U+FFFF)', () => {
    assertAgainstPython(keyHeavyObject, canonMismatch)
  })

  it('spells floats like CPython repr at every boundary', () => {
    assertAgainstPython(fc.array(trickyFloat, { minLength: 1, maxLength: 24 }), canonMismatch)
  })

  it('prettyJson equals json.dumps(indent=2, sort_keys=True)', () => {
    assertAgainstPython(jsonValue, prettyMismatch)
  })

  it('the sampled values really hit the hard cases', () => {
    const values = fc.sample(jsonValue, { numRuns: RUNS, seed: SEED })
    const text = values.map((value) => canonicalString(value)).join('\n')
    expect(text).toMatch(/\\ud[89ab][0-9a-f]{2}\\ud[c-f][0-9a-f]{2}/) // non-BMP
    expect(text).toMatch(/\\u[ef][0-9a-f]{3}/) // U+E000..U+FFFF
    expect(text).toMatch(/e-\d\d/) // scientific floats
    expect(text).toMatch(/\d{25}/) // ints beyond 2^64
    expect(values.some((value) => isObject(value))).toBe(true)
  })
})

describe(`parse round trip (seed ${SEED})`, () => {
  it('parse(prettyJson(v)) and parse(canonicalString(v)) give v back, kinds and -0.0 included', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        expect(jsonEqual(parseArtifactText(prettyJson(value)), value)).toBe(true)
        expect(jsonEqual(parseArtifactText(canonicalString(value)), value)).toBe(true)
      }),
      { numRuns: RUNS, seed: SEED }
    )
  })

  it('keeps 0 and 0.0 apart and keeps -0.0', () => {
    const parsed = parseArtifactText('[0, 0.0, -0.0, 1E5, 1.50]') as JsonValue[]
    expect(parsed.map((item) => typeof item)).toEqual(['bigint', 'number', 'number', 'number', 'number'])
    expect(Object.is(parsed[2], -0)).toBe(true)
    expect(canonicalString(parsed)).toBe('[0,0.0,-0.0,100000.0,1.5]')
  })
})

/** Spellings of one document that JSON allows and the canonical form does not. */
const NON_CANONICAL_SPELLINGS: Array<[string, string]> = [
  ['unsorted keys', '{"b":1,"a":2,"metadata":{}}'],
  ['a raw non-ASCII character', '{"a":"\u00e9","metadata":{}}'],
  ['an uppercase \\u escape', '{"a":"\\u00E9","metadata":{}}'],
  ['a \\u escape of a printable character', '{"a":"\\u0041","metadata":{}}'],
  ['a \\u escape where a short escape exists', '{"a":"\\u000a","metadata":{}}'],
  ['an escaped slash', '{"a":"\\/","metadata":{}}'],
  ['-0 as an int', '{"a":-0,"metadata":{}}'],
  ['an exponent Python writes positionally', '{"a":1E5,"metadata":{}}'],
  ['a trailing zero', '{"a":1.50,"metadata":{}}'],
  ['a raw DEL', '{"a":"\u007f","metadata":{}}'],
  ['a top-level array', '[1,2]']
]

describe(`the digest read straight from canonical text (seed ${SEED})`, () => {
  const fastDigest = (text: string): string | null => {
    const bytes = new TextEncoder().encode(text)
    const { canonical } = parseArtifactBytesWithLayout(bytes)
    return canonical ? canonicalTextDigest(bytes, canonical) : null
  }

  it('is recognised in every pretty document and equals the re-encoded digest, wherever metadata stands', () => {
    fc.assert(
      fc.property(
        fc.dictionary(trickyKey, jsonValue, { maxKeys: 5 }),
        jsonValue,
        fc.boolean(),
        (fields, metadata, withMetadata) => {
          const document = newObject(Object.entries(fields))
          if (withMetadata) document.metadata = metadata
          else delete document.metadata
          for (const text of [prettyJson(document), canonicalString(document)]) {
            expect(fastDigest(text)).toBe(integrityDigest(document))
          }
        }
      ),
      { numRuns: RUNS, seed: SEED }
    )
  })

  it('is never taken for a spelling the canonical form would write differently', () => {
    for (const [what, text] of NON_CANONICAL_SPELLINGS) {
      expect(fastDigest(text), what).toBeNull()
    }
  })

  it('agrees with the re-encoded digest on every fixture', () => {
    let fast = 0
    for (const name of walkFiles(FIXTURES_DIR, '.tine')) {
      const bytes = new Uint8Array(readFileSync(name))
      let parsed
      try {
        parsed = parseArtifactBytesWithLayout(bytes)
      } catch {
        continue
      }
      if (!parsed.canonical || !isObject(parsed.value)) continue
      fast++
      expect(canonicalTextDigest(bytes, parsed.canonical), name).toBe(integrityDigest(parsed.value))
    }
    expect(fast).toBeGreaterThan(8)
  })
})
