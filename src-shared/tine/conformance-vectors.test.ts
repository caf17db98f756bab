// Runs opentine's own conformance vectors (canon-v2, artifact, integrity) through our core.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { canonicalBytes } from './canonical'
import { TineError } from './errors'
import { integrityDigest, verifyIntegrity } from './integrity'
import { isObject, newObject, type JsonValue } from './json-value'
import { parseArtifactBytes } from './parse'
import { FIXTURES_DIR, walkFiles } from '../../e2e/kit/paths'

interface VectorCase {
  id: string
  op: string
  expect: 'accept' | 'reject' | 'verdict'
  input: Record<string, unknown>
  output?: Record<string, unknown>
  reason?: string
}

/** The vectors' tagged encoding: {"$i": "12"} int, {"$f": "1.5"} float, {"$u": [...]} UTF-16 units. */
function decodeTagged(value: unknown): JsonValue {
  if (Array.isArray(value)) return value.map(decodeTagged)
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
    if (entries.length === 1) {
      const [tag, inner] = entries[0]
      if (tag === '$i') return BigInt(inner as string)
      if (tag === '$f') {
        const text = inner as string
        return text === 'nan' ? NaN : text === 'inf' ? Infinity : text === '-inf' ? -Infinity : Number(text)
      }
      if (tag === '$u') return String.fromCharCode(...(inner as string[]).map((unit) => parseInt(unit, 16)))
      if (tag === '$obj') {
        const object = newObject()
        const pairs = Array.isArray(inner) ? (inner as unknown[][]) : Object.entries(inner as object)
        for (const [k, v] of pairs) object[decodeTagged(k) as string] = decodeTagged(v)
        return object
      }
    }
    const object = newObject()
    for (const [k, v] of entries) object[k] = decodeTagged(v)
    return object
  }
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value
  return value as JsonValue
}

function inputBytes(input: Record<string, unknown>, base: string): Uint8Array {
  if (typeof input.bytes_b64 === 'string') return new Uint8Array(Buffer.from(input.bytes_b64, 'base64'))
  if (typeof input.blob === 'string') return new Uint8Array(readFileSync(path.join(base, input.blob)))
  const gen = input.gen as { open: string; close: string; inner: string; depth: number }
  return new TextEncoder().encode(gen.open.repeat(gen.depth) + gen.inner + gen.close.repeat(gen.depth))
}

function runCase(testCase: VectorCase, base: string): Record<string, unknown> {
  if (testCase.op === 'canon.v2') {
    return { bytes_b64: Buffer.from(canonicalBytes(decodeTagged(testCase.input.value))).toString('base64') }
  }
  const document = parseArtifactBytes(inputBytes(testCase.input, base))
  if (testCase.op === 'integrity.digest') return { digest: integrityDigest(document as never) }
  if (testCase.op === 'integrity.verify') return { ...verifyIntegrity(document) }
  if (testCase.op === 'artifact.parse')
    return { top_level_keys: isObject(document) ? Object.keys(document).sort() : [] }
  throw new Error(`unknown op ${testCase.op}`)
}

const vectorFiles = walkFiles(path.join(FIXTURES_DIR, 'conformance/vectors'), '.json')

describe('opentine conformance vectors', () => {
  it('finds the three vector files', () => {
    expect(vectorFiles.length).toBeGreaterThanOrEqual(3)
  })
  for (const file of vectorFiles) {
    const suite = JSON.parse(readFileSync(file, 'utf8')) as { family: string; cases: VectorCase[] }
    const base = path.dirname(path.dirname(file))
    describe(`${path.basename(file)} (${suite.family})`, () => {
      for (const testCase of suite.cases) {
        it(testCase.id, () => {
          if (testCase.expect === 'reject') {
            let error: unknown
            try {
              runCase(testCase, base)
            } catch (caught) {
              error = caught
            }
            expect(error, 'expected a refusal').toBeInstanceOf(TineError)
            if (testCase.reason) expect((error as TineError).code).toBe(testCase.reason)
            return
          }
          const output = runCase(testCase, base)
          for (const [key, value] of Object.entries(testCase.output ?? {})) expect(output[key], key).toEqual(value)
        })
      }
    })
  }
})
