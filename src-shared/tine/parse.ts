/**
 * The hardened reader for untrusted `.tine` bytes (spec §13, reader steps 1-3).
 *
 * It refuses every input Python's reader refuses: oversized input, NUL bytes, bad UTF-8,
 * nesting over 512, duplicate keys, NaN/Infinity, float overflow, integers over 4096 digits
 * and unpaired surrogates. Each refusal is a TineError naming the JSON path and position.
 * Ints become bigint and floats number, so `0` and `0.0` stay apart (spec §6.1).
 */
import { compareCodePoints, formatFloat } from './canonical'
import { TineError, type TineErrorCode } from './errors'
import { newObject, type JsonObject, type JsonValue } from './json-value'
import {
  ARRAY_INDEX,
  hexUnit,
  isCanonicalUnicodeEscape,
  MetadataSpan,
  NumberLexeme,
  SMALL_INTS,
  whitespaceEnd
} from './reader-pieces'
import { parseNatively } from './parse-native'

export const MAX_ARTIFACT_BYTES = 256 * 1024 * 1024
export const MAX_DEPTH = 512
export const MAX_INT_DIGITS = 4096

export interface ParseLimits {
  maxBytes?: number
  maxDepth?: number
}

/**
 * Key order as written, for objects whose keys JavaScript would reorder (integer-like keys
 * come first in JS). Only needed where the spec reads meaning into key order (graph.steps
 * without graph.order).
 */
export const writtenKeyOrder = new WeakMap<JsonObject, string[]>()

class Failure {
  constructor(
    readonly code: TineErrorCode,
    readonly message: string,
    readonly offset: number
  ) {}
}

const EXTRA_DATA = 'extra data after the document'

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
const ESCAPE_OR_CONTROL = /[\\\x00-\x1f]/
/** Anything but printable ASCII other than the backslash: the characters canonical text writes as they are. */
const NOT_PLAIN_ASCII = /[^\x20-\x5b\x5d-\x7e]/
/** Anything but printable ASCII (the backslash included). */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/
/** Stands for "no key yet" in parseKey's memory, which is only a hint: a key is taken from it only when the text matches. */
const OBJECT_START = '\udfff'
/**
 * Where the text already is the canonical form (spec §6) once whitespace outside strings is dropped:
 * true of every file opentine writes (sorted keys, ASCII escapes, float repr). The digest of such a
 * text is the hash of those bytes without the top-level `metadata` member, with no re-encoding.
 */
export interface CanonicalLayout {
  /** The byte range to leave out: the top-level `metadata` member with one adjacent comma; empty when there is none. */
  skipStart: number
  skipEnd: number
}

export interface ParsedArtifact {
  value: JsonValue
  /** Null when the text is not canonical (then only re-encoding gives the digest). */
  canonical: CanonicalLayout | null
}

/** Parses `.tine` bytes. Never throws anything but TineError. */
export function parseArtifactBytes(bytes: Uint8Array, limits: ParseLimits = {}): JsonValue {
  return parseArtifactBytesWithLayout(bytes, limits).value
}

/** parseArtifactBytes, also telling whether the bytes are canonical text and where the body is. */
export function parseArtifactBytesWithLayout(bytes: Uint8Array, limits: ParseLimits = {}): ParsedArtifact {
  const maxBytes = limits.maxBytes ?? MAX_ARTIFACT_BYTES
  if (bytes.length > maxBytes) {
    throw new TineError(
      'artifact.too-large',
      `file is ${formatSize(bytes.length)}, over the ${formatSize(maxBytes)} limit`
    )
  }
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    const at = findRawSurrogate(bytes)
    if (at >= 0) throw new TineError('artifact.lone-surrogate', `raw surrogate bytes (CESU-8) at byte ${at}`)
    const binary = startsLikeJson(bytes) ? '' : 'not JSON: binary data, '
    throw new TineError('artifact.not-utf8', `${binary}file is not valid UTF-8 (near byte ${findBadUtf8(bytes)})`)
  }
  const nul = text.indexOf('\u0000')
  if (nul >= 0)
    fail(
      text,
      new Failure('artifact.nul-byte', startsLikeJson(bytes) ? 'NUL byte' : 'not JSON: binary data, NUL byte', nul)
    )
  const parsed = parseText(text, limits)
  // Byte offsets equal text offsets only for pure ASCII, which canonical text is; a BOM would shift them.
  return { value: parsed.value, canonical: bytes[0] !== 0xef ? parsed.canonical : null }
}

/** Parses already-decoded text with the same rules. */
export function parseArtifactText(text: string, limits: ParseLimits = {}): JsonValue {
  return parseText(text, limits).value
}

/** The native fast path where it gives the same result, else the full parser (the only one that refuses). */
function parseText(text: string, limits: ParseLimits): ParsedArtifact {
  const maxDepth = limits.maxDepth ?? MAX_DEPTH
  const budget = Math.min(16_000_000, Math.max(200_000, Math.floor(text.length / 4)))
  return parseNatively(text, maxDepth, budget) ?? parseFully(text, maxDepth, budget)
}

/** The full parser alone: what decides every input the fast path leaves, and the reference it is tested against. */
export function parseFully(text: string, maxDepth: number, tokenBudget: number): ParsedArtifact {
  const parser = new Parser(text, maxDepth, tokenBudget)
  const value = run(text, () => parser.parseDocument())
  return { value, canonical: parser.canonical ? parser.metadataSpan() : null }
}

function run<T>(text: string, parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    if (error instanceof Failure) fail(text, error)
    if (error instanceof RangeError) {
      throw new TineError('artifact.structure-excessive', 'input too deeply nested')
    }
    throw error
  }
}

function fail(text: string, failure: Failure): never {
  // Nothing valid before the failure: the file is not JSON at all (prose, HTML, a log), not a cut-short one.
  const first = text.search(/[^ \t\r\n]/)
  if (failure.code === 'artifact.malformed-json' && (first < 0 || failure.offset <= first)) {
    if (first < 0) throw new TineError(failure.code, 'not JSON: the file is empty')
    const { line, column } = lineColumn(text, first)
    throw new TineError(
      failure.code,
      `not JSON: unexpected ${describeChar(text.charCodeAt(first))} at line ${line}, column ${column}`
    )
  }
  // Whatever the parser expected, an input that ends at the failure point was cut short; but a
  // complete document followed by garbage was not.
  const rest = text.slice(failure.offset)
  if (
    failure.code === 'artifact.malformed-json' &&
    failure.message !== EXTRA_DATA &&
    rest.length < 64 &&
    !/[,:\]}]/.test(rest)
  ) {
    failure = new Failure(failure.code, 'unexpected end of input (truncated file?)', failure.offset)
  }
  const { line, column } = lineColumn(text, failure.offset)
  const path = jsonPathAt(text, failure.offset)
  throw new TineError(failure.code, `${failure.message} (line ${line}, column ${column})`, path)
}

class Parser {
  private pos = 0
  private depth = 0
  private tokens = 0
  /** Stays true while everything read is in canonical form (whitespace aside). */
  canonical = true
  /** Set by parseString: the string just read had an escape (so it may hold surrogates). */
  private escaped = false
  private readonly metadata = new MetadataSpan()
  /** The key that followed each key last time (see parseKey). */
  private readonly nextKey = new Map<string, string>()
  private readonly number = new NumberLexeme()

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    private readonly tokenBudget: number
  ) {}

  parseDocument(): JsonValue {
    this.skipWhitespace()
    if (this.text.charCodeAt(this.pos) !== 0x7b) this.canonical = false
    const value = this.parseValue()
    this.skipWhitespace()
    if (this.pos < this.text.length) throw new Failure('artifact.malformed-json', EXTRA_DATA, this.pos)
    return value
  }

  metadataSpan(): CanonicalLayout {
    return { skipStart: this.metadata.skipStart, skipEnd: this.metadata.skipEnd }
  }

  private skipWhitespace(): void {
    this.pos = whitespaceEnd(this.text, this.pos)
  }

  private structural(): void {
    if (++this.tokens > this.tokenBudget) {
      throw new Failure('artifact.structure-excessive', `more than ${this.tokenBudget} structural tokens`, this.pos)
    }
  }

  private parseValue(): JsonValue {
    const code = this.text.charCodeAt(this.pos)
    switch (code) {
      case 0x7b:
        return this.parseObject()
      case 0x5b:
        return this.parseArray()
      case 0x22:
        return this.parseString()
      case 0x74:
        return this.literal('true', true)
      case 0x66:
        return this.literal('false', false)
      case 0x6e:
        return this.literal('null', null)
      case 0x4e: // NaN
      case 0x49: // Infinity
        throw new Failure('artifact.non-finite', 'NaN or Infinity is not allowed', this.pos)
      default:
        if (code === 0x2d || (code >= 0x30 && code <= 0x39)) return this.parseNumber()
        if (Number.isNaN(code))
          throw new Failure('artifact.malformed-json', 'unexpected end of input (truncated file?)', this.pos)
        throw new Failure('artifact.malformed-json', `unexpected character ${describeChar(code)}`, this.pos)
    }
  }

  private literal<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) {
      throw new Failure(
        'artifact.malformed-json',
        `unexpected character ${describeChar(this.text.charCodeAt(this.pos))}`,
        this.pos
      )
    }
    this.pos += word.length
    return value
  }

  private enter(): void {
    if (++this.depth > this.maxDepth) {
      throw new Failure('artifact.structure-excessive', `nesting deeper than ${this.maxDepth}`, this.pos)
    }
    this.structural()
  }

  private parseObject(): JsonObject {
    this.enter()
    this.pos++
    const object = newObject()
    let keys: string[] | undefined
    this.skipWhitespace()
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++
      this.structural()
      this.depth--
      return object
    }
    const root = this.depth === 1
    let previousKey: string | null = null
    let previousEscaped = false
    let inOrder = true
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== 0x22) {
        throw new Failure('artifact.malformed-json', 'expected a "quoted" property name', this.pos)
      }
      const keyOffset = this.pos
      const key = this.parseKey(previousKey)
      // Keys in strictly increasing order cannot repeat, so only an object out of order is searched.
      if (inOrder && previousKey !== null && !(previousKey < key)) inOrder = false
      if (!inOrder && key in object)
        throw new Failure('artifact.duplicate-key', `duplicate key ${JSON.stringify(key)}`, keyOffset)
      if (this.canonical && previousKey !== null) {
        // Code-unit order is code-point order unless a surrogate is involved, and those only come escaped.
        const ordered = this.escaped || previousEscaped ? compareCodePoints(previousKey, key) < 0 : previousKey < key
        if (!ordered) this.canonical = false
      }
      previousKey = key
      previousEscaped = this.escaped
      this.skipWhitespace()
      if (this.text.charCodeAt(this.pos) !== 0x3a)
        throw new Failure('artifact.malformed-json', "expected ':'", this.pos)
      this.pos++
      this.structural()
      this.skipWhitespace()
      object[key] = this.parseValue()
      if (root) this.metadata.member(key === 'metadata', keyOffset, this.pos)
      if (keys) keys.push(key)
      else if (key.charCodeAt(0) <= 0x39 && ARRAY_INDEX.test(key)) {
        // JS would list this integer-like key first; remember the order as written.
        keys = Object.keys(object)
          .filter((k) => k !== key)
          .concat(key)
      }
      this.skipWhitespace()
      const next = this.text.charCodeAt(this.pos)
      this.pos++
      this.structural()
      if (next === 0x2c) {
        if (root) this.metadata.comma(this.pos - 1)
        this.skipWhitespace()
        continue
      }
      if (next === 0x7d) break
      this.pos--
      throw new Failure(
        'artifact.malformed-json',
        Number.isNaN(next) ? 'unexpected end of input (truncated file?)' : "expected ',' or '}'",
        this.pos
      )
    }
    if (keys) writtenKeyOrder.set(object, keys)
    this.depth--
    return object
  }

  private parseArray(): JsonValue[] {
    this.enter()
    this.pos++
    const array: JsonValue[] = []
    this.skipWhitespace()
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++
      this.structural()
      this.depth--
      return array
    }
    for (;;) {
      this.skipWhitespace()
      array.push(this.parseValue())
      this.skipWhitespace()
      const next = this.text.charCodeAt(this.pos)
      this.pos++
      this.structural()
      if (next === 0x2c) continue
      if (next === 0x5d) break
      this.pos--
      throw new Failure(
        'artifact.malformed-json',
        Number.isNaN(next) ? 'unexpected end of input (truncated file?)' : "expected ',' or ']'",
        this.pos
      )
    }
    this.depth--
    return array
  }

  /**
   * A property name. Objects of one kind repeat their keys in the same order, so the key that
   * followed `previousKey` last time is tried first: matching it in place skips slicing and
   * interning a new string for every key of every step.
   */
  private parseKey(previousKey: string | null): string {
    const text = this.text
    const expected = this.nextKey.get(previousKey ?? OBJECT_START)
    if (
      expected !== undefined &&
      text.charCodeAt(this.pos + 1 + expected.length) === 0x22 &&
      text.startsWith(expected, this.pos + 1)
    ) {
      this.pos += expected.length + 2
      this.escaped = false
      return expected
    }
    const key = this.parseString()
    if (!this.escaped && !NOT_PLAIN_ASCII.test(key)) this.nextKey.set(previousKey ?? OBJECT_START, key)
    return key
  }

  private parseString(): string {
    const text = this.text
    const start = ++this.pos
    // Fast path: find the closing quote natively and check the slice for escapes and controls.
    const quote = text.indexOf('"', start)
    if (quote < 0) this.badStringChar(NaN, text.length)
    const candidate = text.slice(start, quote)
    this.escaped = false
    if (!NOT_PLAIN_ASCII.test(candidate)) {
      this.pos = quote + 1
      return candidate
    }
    if (!ESCAPE_OR_CONTROL.test(candidate)) {
      // Raw non-ASCII text: valid, but the canonical form escapes it.
      this.canonical = false
      this.pos = quote + 1
      return candidate
    }
    this.escaped = true
    // The candidate holds a backslash or a control character; what comes before the first backslash is plain.
    const backslash = text.indexOf('\\', start)
    let pos = backslash < 0 || backslash > quote ? quote : backslash
    let out = text.slice(start, pos)
    if (NOT_PRINTABLE_ASCII.test(out)) this.checkChunk(out, start)
    // Where the next quote and backslash are, found once and reused until passed.
    let nextQuote = -1
    let nextBackslash = -1
    for (;;) {
      const code = text.charCodeAt(pos)
      if (code === 0x22) {
        this.pos = pos + 1
        return out
      }
      if (code === 0x5c) {
        const escape = text.charCodeAt(pos + 1)
        switch (escape) {
          case 0x22:
            out += '"'
            break
          case 0x5c:
            out += '\\'
            break
          case 0x2f:
            out += '/'
            this.canonical = false
            break
          case 0x62:
            out += '\b'
            break
          case 0x66:
            out += '\f'
            break
          case 0x6e:
            out += '\n'
            break
          case 0x72:
            out += '\r'
            break
          case 0x74:
            out += '\t'
            break
          case 0x75: {
            const unit = this.hex4(pos + 2)
            if (this.canonical && !isCanonicalUnicodeEscape(text, pos, unit)) this.canonical = false
            pos += 6
            if (unit >= 0xd800 && unit <= 0xdbff) {
              const low = text.charCodeAt(pos) === 0x5c && text.charCodeAt(pos + 1) === 0x75 ? this.hex4(pos + 2) : -1
              if (low >= 0xdc00 && low <= 0xdfff) {
                if (this.canonical && !isCanonicalUnicodeEscape(text, pos, low)) this.canonical = false
                out += String.fromCharCode(unit, low)
                pos += 6
                continue
              }
              throw new Failure('artifact.lone-surrogate', 'unpaired surrogate in string', pos - 6)
            }
            if (unit >= 0xdc00 && unit <= 0xdfff)
              throw new Failure('artifact.lone-surrogate', 'unpaired surrogate in string', pos - 6)
            out += String.fromCharCode(unit)
            continue
          }
          default:
            throw new Failure('artifact.malformed-json', 'invalid escape in string', pos)
        }
        pos += 2
        continue
      }
      if (code < 0x20 || Number.isNaN(code)) this.badStringChar(code, pos)
      // Copy the run of characters up to the next quote or backslash at once, found natively.
      if (nextQuote < pos) nextQuote = text.indexOf('"', pos)
      if (nextBackslash < pos) nextBackslash = text.indexOf('\\', pos)
      if (nextQuote < 0) nextQuote = text.length
      if (nextBackslash < 0) nextBackslash = text.length
      const end = Math.min(nextQuote, nextBackslash)
      const chunk = text.slice(pos, end)
      if (NOT_PRINTABLE_ASCII.test(chunk)) this.checkChunk(chunk, pos)
      out += chunk
      pos = end
    }
  }

  /** A run of string characters with something other than printable ASCII: a control character is an error, the rest is not canonical. */
  private checkChunk(chunk: string, at: number): void {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i)
      if (c < 0x20) this.badStringChar(c, at + i)
      if (c > 0x7e) this.canonical = false
    }
  }

  private badStringChar(code: number, pos: number): never {
    if (Number.isNaN(code)) throw new Failure('artifact.malformed-json', 'unterminated string (truncated file?)', pos)
    throw new Failure('artifact.malformed-json', `control character ${describeChar(code)} in string`, pos)
  }

  private hex4(pos: number): number {
    const unit = hexUnit(this.text, pos)
    if (unit < 0) throw new Failure('artifact.malformed-json', 'invalid \\u escape', pos - 2)
    return unit
  }

  private parseNumber(): number | bigint {
    const text = this.text
    const start = this.pos
    if (text.charCodeAt(start) === 0x2d && text.startsWith('Infinity', start + 1))
      throw new Failure('artifact.non-finite', '-Infinity is not allowed', start)
    const number = this.number
    if (!number.read(text, start)) throw new Failure('artifact.malformed-json', 'invalid number', start)
    const pos = number.end
    const intDigits = number.intDigits
    const isFloat = !number.isInteger
    this.pos = pos
    const lexeme = text.slice(start, pos)
    if (isFloat) {
      const value = Number(lexeme)
      if (!Number.isFinite(value))
        throw new Failure('artifact.non-finite', `float ${abbreviate(lexeme)} overflows`, start)
      if (this.canonical && formatFloat(value) !== lexeme) this.canonical = false
      return value
    }
    // Python reads "-0" as the int 0, written back as "0".
    if (intDigits === 1 && lexeme === '-0') this.canonical = false
    if (intDigits > MAX_INT_DIGITS) {
      throw new Failure(
        'artifact.integer-too-many-digits',
        `integer with ${intDigits} digits (limit ${MAX_INT_DIGITS})`,
        start
      )
    }
    // Counts and token numbers are mostly small: share one bigint per value instead of parsing each.
    if (intDigits <= 3 && lexeme.charCodeAt(0) !== 0x2d) return SMALL_INTS[Number(lexeme)] ?? BigInt(lexeme)
    return BigInt(lexeme)
  }
}

function abbreviate(text: string): string {
  return text.length > 24 ? text.slice(0, 20) + '…' : text
}

/** The first byte that is not JSON whitespace opens an object or an array. */
function startsLikeJson(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue
    return byte === 0x7b || byte === 0x5b
  }
  return false
}

function describeChar(code: number): string {
  if (Number.isNaN(code)) return 'end of input'
  if (code >= 0x21 && code <= 0x7e) return `'${String.fromCharCode(code)}'`
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${bytes} bytes`
}

function findRawSurrogate(bytes: Uint8Array): number {
  for (let i = 0; i + 1 < bytes.length; i++) {
    const next = bytes[i + 1] ?? 0
    if (bytes[i] === 0xed && next >= 0xa0 && next <= 0xbf) return i
  }
  return -1
}

function findBadUtf8(bytes: Uint8Array): number {
  // Binary search for the longest prefix that decodes (good enough to point near the fault).
  let low = 0
  let high = bytes.length
  const probe = new TextDecoder('utf-8', { fatal: true })
  while (low < high) {
    const mid = (low + high + 1) >> 1
    try {
      probe.decode(bytes.subarray(0, mid), { stream: true })
      low = mid
    } catch {
      high = mid - 1
    }
  }
  return low
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  return { line, column: offset - lineStart + 1 }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

/** The JSON path (`$.graph.steps["a b"].inputs[0]`) of whatever stands at `offset`. */
export function jsonPathAt(text: string, offset: number): string {
  type Frame = { array: boolean; key?: string; index: number; expectKey: boolean }
  const stack: Frame[] = []
  let i = 0
  while (i < offset && i < text.length) {
    const c = text.charCodeAt(i)
    if (c === 0x22) {
      let j = i + 1
      while (j < text.length && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1
      const top = stack[stack.length - 1]
      if (top && !top.array && top.expectKey && j <= text.length) {
        let key: string
        try {
          key = JSON.parse(text.slice(i, j + 1)) as string
        } catch {
          key = text.slice(i + 1, j)
        }
        top.key = key
        top.expectKey = false
      }
      if (j >= offset) break
      i = j + 1
      continue
    }
    if (c === 0x7b) stack.push({ array: false, index: 0, expectKey: true })
    else if (c === 0x5b) stack.push({ array: true, index: 0, expectKey: false })
    else if (c === 0x7d || c === 0x5d) stack.pop()
    else if (c === 0x2c) {
      const top = stack[stack.length - 1]
      if (top?.array) top.index++
      else if (top) {
        top.expectKey = true
        top.key = undefined
      }
    }
    i++
  }
  let path = '$'
  for (const frame of stack) {
    if (frame.array) path += `[${frame.index}]`
    else if (frame.key !== undefined)
      path += IDENTIFIER.test(frame.key) ? `.${frame.key}` : `[${JSON.stringify(frame.key)}]`
  }
  return path
}
