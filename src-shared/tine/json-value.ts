/**
 * The JSON value model of the `.tine` core.
 *
 * Python keeps `0` (int) and `0.0` (float) apart, and the digest depends on it (spec §6.1).
 * So integers are `bigint` (exact at any size) and floats are `number`. Objects have a null
 * prototype, so a key such as `__proto__` is an ordinary own key and never pollutes anything.
 */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject
export interface JsonObject {
  [key: string]: JsonValue
}

/**
 * JSON objects are instances of this constructor, whose prototype is an empty object with a
 * null prototype: no inherited keys, no `__proto__` setter, so any key is an ordinary own key.
 * Why not `Object.create(null)`: V8 keeps those in slow dictionary mode, which made loading
 * a large run several times slower.
 */
const JsonRecord = function JsonRecord(this: object) {} as unknown as { new (): JsonObject; prototype: object }
JsonRecord.prototype = Object.freeze(Object.create(null)) as object

/** A fresh object with no inherited keys; safe for any key. */
export function newObject(entries?: Iterable<readonly [string, JsonValue]>): JsonObject {
  const object = new JsonRecord()
  if (entries) for (const [key, value] of entries) object[key] = value
  return object
}

/** Builds a null-prototype object from a literal written in TypeScript. */
export function obj(fields: Record<string, JsonValue | undefined>): JsonObject {
  const object = newObject()
  for (const key of Object.keys(fields)) {
    const value = fields[key]
    if (value !== undefined) object[key] = value
  }
  return object
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function isFloat(value: unknown): value is number {
  return typeof value === 'number'
}

/** The numeric value of an int or a float, as a JS number (big ints lose precision). */
export function toNumber(value: JsonValue | undefined, fallback = 0): number {
  if (typeof value === 'number') return value
  if (typeof value === 'bigint') return Number(value)
  return fallback
}

/** A JSON int. */
export function int(value: number | bigint): bigint {
  return typeof value === 'bigint' ? value : BigInt(Math.trunc(value))
}

export function str(value: JsonValue | undefined, fallback = ''): string {
  return typeof value === 'string' ? value : fallback
}

export function objectOr(value: JsonValue | undefined): JsonObject {
  return isObject(value) ? value : newObject()
}

export function arrayOr(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : []
}

/** Deep copy, keeping int/float kinds and null prototypes. */
export function deepCopy<T extends JsonValue>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => deepCopy(item)) as T
  if (isObject(value)) {
    const copy = newObject()
    for (const [key, item] of Object.entries(value)) copy[key] = deepCopy(item)
    return copy as T
  }
  return value
}

/** Structural equality that distinguishes `0` from `0.0` and `-0.0` from `0.0`. */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return typeof a !== 'number' || Object.is(a, b) || a !== 0
  if (typeof a !== typeof b) return false
  if (typeof a === 'number') return Object.is(a, b)
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    return a.every((item, index) => jsonEqual(item, b[index]))
  }
  if (isObject(a) && isObject(b)) {
    const keysA = Object.keys(a)
    if (keysA.length !== Object.keys(b).length) return false
    return keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) && jsonEqual(a[key], b[key]))
  }
  return false
}

/**
 * Converts ordinary JavaScript data (numbers, arrays, plain objects) into the value model.
 * Integral numbers become ints unless listed in `floatKeys`; use `float()`-typed data when
 * the distinction matters.
 */
export function fromPlain(value: unknown): JsonValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'boolean' || typeof value === 'string' || typeof value === 'bigint') return value
  if (typeof value === 'number') return Number.isInteger(value) && !Object.is(value, -0) ? BigInt(value) : value
  if (Array.isArray(value)) return value.map(fromPlain)
  if (typeof value === 'object') {
    const out = newObject()
    for (const key of Object.keys(value as object)) out[key] = fromPlain((value as Record<string, unknown>)[key])
    return out
  }
  throw new TypeError(`not representable as JSON: ${typeof value}`)
}

/** Plain JavaScript data for display and for JSON.stringify: ints become numbers when safe. */
export function toPlain(value: JsonValue): unknown {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString()
  }
  if (Array.isArray(value)) return value.map(toPlain)
  if (isObject(value)) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, key, { value: toPlain(item), enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  return value
}
