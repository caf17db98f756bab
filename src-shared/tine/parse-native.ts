/**
 * The fast path of the hardened reader: a scan that checks the text without building anything,
 * then the engine's own JSON.parse builds the values, and one walk gives them the value model
 * (JsonRecord objects with no inherited keys, bigint integers).
 *
 * The scan accepts only what it can prove the full parser would read to the same values and the
 * same canonical verdict: sorted keys without escapes or integer-like names, integers of at most
 * 15 digits, paired surrogate escapes, no control characters, within the same depth and token
 * limits. Anything else, an error included, returns null and the full parser decides, so every
 * refusal and its message still come from one place.
 */
import { formatFloat } from './canonical'
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
import type { ParsedArtifact } from './parse'

/** A run of string characters that canonical text writes as they are. */
const PLAIN_RUN = /[\x20\x21\x23-\x5b\x5d-\x7e]*/y
/** A run of string characters that are valid but not canonical (raw non-ASCII, DEL). */
const RAW_RUN = /[^\x00-\x1f"\\]*/y
/** Integers up to this many digits are exact as JavaScript numbers. */
const EXACT_INT_DIGITS = 15
/** Significant digits under which a fixed-notation float is its own shortest round trip. */
const SHORTEST_DIGITS = 15

const JSON_RECORD_PROTOTYPE = Object.getPrototypeOf(newObject()) as object

/** Thrown inside the scan to give up; never escapes this module. */
const GIVE_UP = Symbol('give up')

export function parseNatively(text: string, maxDepth: number, tokenBudget: number): ParsedArtifact | null {
  const scan = new Scan(text, maxDepth, tokenBudget)
  try {
    scan.document()
  } catch (error) {
    if (error === GIVE_UP || error instanceof RangeError) return null
    throw error
  }
  let value: JsonValue
  try {
    value = JSON.parse(text) as JsonValue
  } catch {
    return null
  }
  const walk = new ModelWalk(scan.integerFlags)
  const { skipStart, skipEnd } = scan.metadata
  return { value: walk.value(value), canonical: scan.canonical ? { skipStart, skipEnd } : null }
}

/** Gives JSON.parse's values the value model, reading each number's kind from the scan in document order. */
class ModelWalk {
  private next = 0
  constructor(private readonly integerFlags: Uint8Array) {}

  value(value: JsonValue): JsonValue {
    if (typeof value === 'number') return this.number(value)
    if (typeof value !== 'object' || value === null) return value
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i]
        if (typeof item === 'number' || (typeof item === 'object' && item !== null)) value[i] = this.value(item)
      }
      return value
    }
    Object.setPrototypeOf(value, JSON_RECORD_PROTOTYPE)
    const object = value as JsonObject
    for (const key in object) {
      const item = object[key]
      if (typeof item === 'number' || (typeof item === 'object' && item !== null)) object[key] = this.value(item)
    }
    return object
  }

  private number(value: number): number | bigint {
    if (this.integerFlags[this.next++] === 0) return value
    return SMALL_INTS[value] ?? BigInt(value)
  }
}

class Scan {
  private pos = 0
  private depth = 0
  private tokens = 0
  canonical = true
  readonly metadata = new MetadataSpan()
  /** One entry per number in document order: 1 for an integer, 0 for a float. */
  integerFlags = new Uint8Array(1024)
  private numbers = 0
  private readonly lexeme = new NumberLexeme()

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    private readonly tokenBudget: number
  ) {}

  document(): void {
    this.whitespace()
    if (this.text.charCodeAt(this.pos) !== 0x7b) this.canonical = false
    this.value()
    this.whitespace()
    if (this.pos < this.text.length) throw GIVE_UP
    this.integerFlags = this.integerFlags.subarray(0, this.numbers)
  }

  private whitespace(): void {
    this.pos = whitespaceEnd(this.text, this.pos)
  }

  private structural(): void {
    if (++this.tokens > this.tokenBudget) throw GIVE_UP
  }

  private enter(): void {
    if (++this.depth > this.maxDepth) throw GIVE_UP
    this.structural()
  }

  private value(): void {
    const text = this.text
    const code = text.charCodeAt(this.pos)
    if (code === 0x7b) this.object()
    else if (code === 0x5b) this.array()
    else if (code === 0x22) this.string()
    else if (code === 0x74) this.literal('true')
    else if (code === 0x66) this.literal('false')
    else if (code === 0x6e) this.literal('null')
    else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) this.number()
    else throw GIVE_UP
  }

  private literal(word: string): void {
    if (!this.text.startsWith(word, this.pos)) throw GIVE_UP
    this.pos += word.length
  }

  private object(): void {
    const text = this.text
    this.enter()
    this.pos++
    this.whitespace()
    if (text.charCodeAt(this.pos) === 0x7d) {
      this.pos++
      this.structural()
      this.depth--
      return
    }
    const root = this.depth === 1
    let previousStart = -1
    let previousEnd = -1
    for (;;) {
      if (text.charCodeAt(this.pos) !== 0x22) throw GIVE_UP
      const keyOffset = this.pos
      const start = this.pos + 1
      const end = this.key()
      if (previousStart >= 0 && !this.precedes(previousStart, previousEnd, start, end)) throw GIVE_UP
      previousStart = start
      previousEnd = end
      this.whitespace()
      if (text.charCodeAt(this.pos) !== 0x3a) throw GIVE_UP
      this.pos++
      this.structural()
      this.whitespace()
      this.value()
      if (root) this.metadata.member(end - start === 8 && text.startsWith('metadata', start), keyOffset, this.pos)
      this.whitespace()
      const next = text.charCodeAt(this.pos)
      this.pos++
      this.structural()
      if (next === 0x2c) {
        if (root) this.metadata.comma(this.pos - 1)
        this.whitespace()
        continue
      }
      if (next === 0x7d) break
      throw GIVE_UP
    }
    this.depth--
  }

  /** A property name without escapes that is not integer-like (JS would reorder those); returns where it ends. */
  private key(): number {
    const text = this.text
    const start = this.pos + 1
    const end = this.stringBody(start, true)
    const first = text.charCodeAt(start)
    if (first >= 0x30 && first <= 0x39 && ARRAY_INDEX.test(text.slice(start, end))) throw GIVE_UP
    this.pos = end + 1
    return end
  }

  /** Code-unit order of two unescaped keys, read in place: strictly before means they differ. */
  private precedes(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
    const text = this.text
    const length = Math.min(aEnd - aStart, bEnd - bStart)
    for (let i = 0; i < length; i++) {
      const a = text.charCodeAt(aStart + i)
      const b = text.charCodeAt(bStart + i)
      if (a !== b) return a < b
    }
    return aEnd - aStart < bEnd - bStart
  }

  private array(): void {
    const text = this.text
    this.enter()
    this.pos++
    this.whitespace()
    if (text.charCodeAt(this.pos) === 0x5d) {
      this.pos++
      this.structural()
      this.depth--
      return
    }
    for (;;) {
      this.whitespace()
      this.value()
      this.whitespace()
      const next = text.charCodeAt(this.pos)
      this.pos++
      this.structural()
      if (next === 0x2c) continue
      if (next === 0x5d) break
      throw GIVE_UP
    }
    this.depth--
  }

  private string(): void {
    this.pos = this.stringBody(this.pos + 1, false) + 1
  }

  /** Checks a string body from `start`; returns the offset of its closing quote. A key must have no escapes. */
  private stringBody(start: number, isKey: boolean): number {
    const text = this.text
    let pos = start
    for (;;) {
      PLAIN_RUN.lastIndex = pos
      PLAIN_RUN.test(text)
      pos = PLAIN_RUN.lastIndex
      const code = text.charCodeAt(pos)
      if (code === 0x22) return pos
      if (code === 0x5c) {
        if (isKey) throw GIVE_UP
        pos = this.escape(pos)
        continue
      }
      if (code < 0x20 || Number.isNaN(code)) throw GIVE_UP
      // Raw non-ASCII or DEL: valid text, but the canonical form escapes it.
      this.canonical = false
      RAW_RUN.lastIndex = pos
      RAW_RUN.test(text)
      pos = RAW_RUN.lastIndex
    }
  }

  /** Checks the escape at `pos` (a backslash); returns where the string goes on. */
  private escape(pos: number): number {
    const text = this.text
    const escape = text.charCodeAt(pos + 1)
    switch (escape) {
      case 0x22:
      case 0x5c:
      case 0x62:
      case 0x66:
      case 0x6e:
      case 0x72:
      case 0x74:
        return pos + 2
      case 0x2f:
        this.canonical = false
        return pos + 2
      case 0x75: {
        const unit = this.unicodeEscape(pos)
        if (unit >= 0xdc00 && unit <= 0xdfff) throw GIVE_UP
        if (unit >= 0xd800 && unit <= 0xdbff) {
          if (text.charCodeAt(pos + 6) !== 0x5c || text.charCodeAt(pos + 7) !== 0x75) throw GIVE_UP
          const low = this.unicodeEscape(pos + 6)
          if (low < 0xdc00 || low > 0xdfff) throw GIVE_UP
          return pos + 12
        }
        return pos + 6
      }
      default:
        throw GIVE_UP
    }
  }

  /** The unit of `\uXXXX` at `pos`, clearing `canonical` unless it is how the canonical form writes it. */
  private unicodeEscape(pos: number): number {
    const unit = hexUnit(this.text, pos + 2)
    if (unit < 0) throw GIVE_UP
    if (!isCanonicalUnicodeEscape(this.text, pos, unit)) this.canonical = false
    return unit
  }

  private number(): void {
    const text = this.text
    const start = this.pos
    const number = this.lexeme
    if (!number.read(text, start)) throw GIVE_UP
    const { intStart, intEnd, fracEnd, exponent, end, isInteger } = number
    this.pos = end
    if (isInteger) {
      if (number.intDigits > EXACT_INT_DIGITS) throw GIVE_UP
      // Python reads "-0" as the int 0, written back as "0".
      if (start !== intStart && number.intDigits === 1 && text.charCodeAt(intStart) === 0x30) this.canonical = false
    } else if (exponent || !isShortestFixed(text, intStart, intEnd, fracEnd)) {
      const lexeme = text.slice(start, end)
      const value = Number(lexeme)
      if (!Number.isFinite(value)) throw GIVE_UP
      if (this.canonical && formatFloat(value) !== lexeme) this.canonical = false
    }
    if (this.numbers === this.integerFlags.length) {
      const grown = new Uint8Array(this.numbers * 2)
      grown.set(this.integerFlags)
      this.integerFlags = grown
    }
    this.integerFlags[this.numbers++] = isInteger ? 1 : 0
  }
}

/**
 * Whether a fixed-notation float (digits, a point, digits) is already Python's repr of its value:
 * within the range repr writes without an exponent, no superfluous zero, and few enough significant
 * digits that no shorter decimal reads as the same double.
 */
function isShortestFixed(text: string, intStart: number, intEnd: number, fracEnd: number): boolean {
  const fracStart = intEnd + 1
  const intDigits = intEnd - intStart
  const zeroInt = intDigits === 1 && text.charCodeAt(intStart) === 0x30
  // "N.0" and "0.0": an integer of up to 15 digits is exact, and repr writes it so.
  if (fracEnd - fracStart === 1 && text.charCodeAt(fracStart) === 0x30) return intDigits <= SHORTEST_DIGITS
  if (text.charCodeAt(fracEnd - 1) === 0x30) return false
  if (!zeroInt) return intDigits + (fracEnd - fracStart) <= SHORTEST_DIGITS
  let leadingZeros = 0
  while (text.charCodeAt(fracStart + leadingZeros) === 0x30) leadingZeros++
  return leadingZeros <= 3 && fracEnd - fracStart - leadingZeros <= SHORTEST_DIGITS
}
