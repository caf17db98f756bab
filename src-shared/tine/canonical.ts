/**
 * The v2 canonical form (spec §6): CPython `json.dumps(v, sort_keys=True, separators=(",", ":"))`
 * with ASCII escaping, code-point key order and CPython float repr. It is ours, not a
 * library's, because it must match Python byte for byte.
 */
import { TineError } from './errors'
import { createSha256 } from './hash'
import { isObject, type JsonObject, type JsonValue } from './json-value'

const NEEDS_ESCAPE = /[^\x20\x21\x23-\x5b\x5d-\x7e]/
const SURROGATE = /[\ud800-\udfff]/
const SHORT_ESCAPES: Record<number, string> = {
  0x22: '\\"',
  0x5c: '\\\\',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t'
}
const HEX = '0123456789abcdef'

/** A JSON string literal, ASCII only: every code unit outside U+0020..U+007E is `\uXXXX`. */
export function encodeString(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return '"' + text + '"'
  let out = '"'
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0x20 && code <= 0x7e && code !== 0x22 && code !== 0x5c) continue
    if (i > start) out += text.slice(start, i)
    const short = SHORT_ESCAPES[code]
    // Non-BMP characters are two UTF-16 units already, so each unit is escaped on its own,
    // which is exactly Python's surrogate-pair output.
    out += short ?? '\\u' + HEX[(code >> 12) & 15] + HEX[(code >> 8) & 15] + HEX[(code >> 4) & 15] + HEX[code & 15]
    start = i + 1
  }
  return out + text.slice(start) + '"'
}

/** Orders two strings by Unicode code point (not by UTF-16 unit, which misorders non-BMP keys). */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i)
    let y = b.charCodeAt(i)
    if (x === y) continue
    // Surrogates (non-BMP) sort after U+E000..U+FFFF in code-point order.
    if (x >= 0xd800) x = x <= 0xdfff ? x + 0x2000 : x - 0x800
    if (y >= 0xd800) y = y <= 0xdfff ? y + 0x2000 : y - 0x800
    return x - y
  }
  return a.length - b.length
}

/** The keys of an object in canonical order. */
export function sortedKeys(object: JsonObject): string[] {
  const keys = Object.keys(object)
  // UTF-16 order equals code-point order unless a key holds a surrogate.
  keys.sort()
  for (const key of keys) {
    if (SURROGATE.test(key)) return keys.sort(compareCodePoints)
  }
  return keys
}

/** CPython's `repr(float)`. */
export function formatFloat(x: number): string {
  if (!Number.isFinite(x)) throw new TineError('canon.non-finite', `non-finite float ${x} cannot be written`)
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0'
  const magnitude = Math.abs(x)
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    // JavaScript prints this range positionally with the same shortest digits as Python.
    const text = String(x)
    return text.includes('.') ? text : text + '.0'
  }
  const exponential = magnitude.toExponential() // shortest round-trip digits, "d.ddde±N"
  const at = exponential.indexOf('e')
  const mantissa = exponential.slice(0, at)
  const exponent = Number(exponential.slice(at + 1))
  const sign = x < 0 ? '-' : ''
  if (exponent >= -4 && exponent < 16) {
    const digits = mantissa.replace('.', '')
    const point = exponent + 1
    if (point <= 0) return sign + '0.' + '0'.repeat(-point) + digits
    if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length) + '.0'
    return sign + digits.slice(0, point) + '.' + digits.slice(point)
  }
  const absExponent = Math.abs(exponent)
  return sign + mantissa + 'e' + (exponent < 0 ? '-' : '+') + (absExponent < 10 ? '0' : '') + absExponent
}

/** Receives canonical text in pieces; flushes chunks so no giant string is ever built. */
class ChunkedWriter {
  private pending = ''
  constructor(
    private readonly flush: (chunk: string) => void,
    private readonly chunkSize = 1 << 16
  ) {}

  write(text: string): void {
    this.pending += text
    if (this.pending.length >= this.chunkSize) {
      this.flush(this.pending)
      this.pending = ''
    }
  }

  end(): void {
    if (this.pending) this.flush(this.pending)
    this.pending = ''
  }
}

function writeValue(value: JsonValue, out: ChunkedWriter): void {
  switch (typeof value) {
    case 'string':
      out.write(encodeString(value))
      return
    case 'number':
      out.write(formatFloat(value))
      return
    case 'bigint':
      out.write(value.toString())
      return
    case 'boolean':
      out.write(value ? 'true' : 'false')
      return
    case 'object': {
      if (value === null) {
        out.write('null')
        return
      }
      if (Array.isArray(value)) {
        out.write('[')
        value.forEach((item, i) => {
          if (i) out.write(',')
          writeValue(item, out)
        })
        out.write(']')
        return
      }
      if (isObject(value)) {
        out.write('{')
        let first = true
        for (const key of sortedKeys(value)) {
          const item = value[key]
          if (item === undefined) continue
          out.write(first ? encodeString(key) + ':' : ',' + encodeString(key) + ':')
          first = false
          writeValue(item, out)
        }
        out.write('}')
        return
      }
    }
  }
  throw new TineError('canon.not-json', `not a JSON value: ${typeof value}`)
}

/** The canonical text (pure ASCII). */
export function canonicalString(value: JsonValue): string {
  const chunks: string[] = []
  const writer = new ChunkedWriter((chunk) => chunks.push(chunk))
  writeValue(value, writer)
  writer.end()
  return chunks.join('')
}

const encoder = new TextEncoder()

/** The canonical bytes hashed by the digest, step ids, fork ids and signatures. */
export function canonicalBytes(value: JsonValue): Uint8Array {
  return encoder.encode(canonicalString(value))
}

/** SHA-256 (hex) of the canonical bytes, streamed in chunks: the digest of a big run never builds one huge buffer. */
export function canonicalSha256(value: JsonValue): string {
  const hash = createSha256()
  const updateAscii = hash.updateAscii
  const writer = new ChunkedWriter(
    updateAscii ? (chunk) => updateAscii(chunk) : (chunk) => hash.update(encoder.encode(chunk))
  )
  writeValue(value, writer)
  writer.end()
  return hash.digestHex()
}
