/**
 * The lexical pieces both readers share (parse.ts builds values and names every refusal,
 * parse-native.ts only checks): where whitespace ends, a number's parts, a `\uXXXX` unit, and
 * which spellings of them the canonical form (spec §6) writes.
 */

/** Property names JavaScript lists before all others (array indices; 10 digits, conservatively, up to 2^32 - 2). */
export const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/

/** One shared bigint for each small integer: counts and token numbers are mostly small. */
export const SMALL_INTS: readonly bigint[] = Array.from({ length: 1000 }, (_, value) => BigInt(value))

const SHORT_ESCAPED_UNITS = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d])

export function whitespaceEnd(text: string, pos: number): number {
  let code = text.charCodeAt(pos)
  while (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) code = text.charCodeAt(++pos)
  return pos
}

/** The unit of the four hex digits at `pos`, or -1 when they are not four hex digits. */
export function hexUnit(text: string, pos: number): number {
  let unit = 0
  for (let i = pos; i < pos + 4; i++) {
    const c = text.charCodeAt(i)
    let digit: number
    if (c >= 0x30 && c <= 0x39) digit = c - 0x30
    else if (c >= 0x61 && c <= 0x66) digit = c - 0x57
    else if (c >= 0x41 && c <= 0x46) digit = c - 0x37
    else return -1
    unit = unit * 16 + digit
  }
  return unit
}

/** `\uXXXX` at `at` is how the canonical form writes `unit`: lowercase hex, for a unit with no shorter escape. */
export function isCanonicalUnicodeEscape(text: string, at: number, unit: number): boolean {
  if ((unit >= 0x20 && unit <= 0x7e) || SHORT_ESCAPED_UNITS.has(unit)) return false
  for (let i = at + 2; i < at + 6; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0x41 && c <= 0x46) return false
  }
  return true
}

/**
 * The parts of a JSON number, read by `read` (reused for every number, so reading allocates nothing):
 * an optional minus, the integer digits [intStart, intEnd), an optional fraction ending at fracEnd
 * (-1 without one), an optional exponent, ending at `end`.
 */
export class NumberLexeme {
  intStart = 0
  intEnd = 0
  fracEnd = -1
  exponent = false
  end = 0

  /** Reads the number at `start`; false when it is not a valid JSON number. */
  read(text: string, start: number): boolean {
    let pos = start
    if (text.charCodeAt(pos) === 0x2d) pos++
    this.intStart = pos
    let code = text.charCodeAt(pos)
    if (code === 0x30) pos++
    else if (code >= 0x31 && code <= 0x39) {
      do pos++
      while ((code = text.charCodeAt(pos)) >= 0x30 && code <= 0x39)
    } else return false
    this.intEnd = pos
    this.fracEnd = -1
    if (text.charCodeAt(pos) === 0x2e) {
      const fracStart = ++pos
      while ((code = text.charCodeAt(pos)) >= 0x30 && code <= 0x39) pos++
      if (pos === fracStart) return false
      this.fracEnd = pos
    }
    code = text.charCodeAt(pos)
    this.exponent = code === 0x65 || code === 0x45
    if (this.exponent) {
      code = text.charCodeAt(++pos)
      if (code === 0x2b || code === 0x2d) pos++
      const expStart = pos
      while ((code = text.charCodeAt(pos)) >= 0x30 && code <= 0x39) pos++
      if (pos === expStart) return false
    }
    this.end = pos
    return true
  }

  get isInteger(): boolean {
    return this.fracEnd < 0 && !this.exponent
  }

  get intDigits(): number {
    return this.intEnd - this.intStart
  }
}

/**
 * Where the top-level `metadata` member lies, with one comma next to it (the one before it, else
 * the one after): the range the integrity digest leaves out (see CanonicalLayout). A reader reports
 * each root member once its value is read, and each root comma.
 */
export class MetadataSpan {
  skipStart = 0
  skipEnd = 0
  private lastComma = -1
  private takeNextComma = false

  /** A root member whose key starts at `keyOffset` and whose value ends at `end`. */
  member(isMetadata: boolean, keyOffset: number, end: number): void {
    if (!isMetadata) return
    this.skipStart = this.lastComma >= 0 ? this.lastComma : keyOffset
    this.skipEnd = end
    this.takeNextComma = this.lastComma < 0
  }

  /** A comma between root members, at `offset`. */
  comma(offset: number): void {
    if (this.takeNextComma) this.skipEnd = offset + 1
    this.takeNextComma = false
    this.lastComma = offset
  }
}
