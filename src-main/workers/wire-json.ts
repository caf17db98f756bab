/**
 * Load results cross from the workers as JSON text (cheaper than a structured clone for big views).
 * A transport that sends JSON on, as browser mode's HTTP server does, can send that same text
 * instead of serializing the parsed value again: for a 100,000-step view that is a few hundred ms.
 */

/** Below this size a second JSON.stringify costs less than keeping the text. */
const KEEP_FROM_CHARS = 64 * 1024

// The parsed values are frozen at their top level (see parseWireJson), and the results are never
// edited in place on the main side (markDropped returns a copy), so a kept text stays exact.
const texts = new WeakMap<object, string>()

/** JSON.parse, remembering the text of a large object result for jsonTextOf. */
export function parseWireJson(text: string): unknown {
  const value: unknown = JSON.parse(text)
  if (text.length >= KEEP_FROM_CHARS && typeof value === 'object' && value !== null) {
    texts.set(Object.freeze(value), text)
  }
  return value
}

/** The JSON text of a value: the text it was parsed from when that is known, else JSON.stringify. */
export function jsonTextOf(value: unknown): string {
  const kept = typeof value === 'object' && value !== null ? texts.get(value) : undefined
  return kept ?? JSON.stringify(value)
}
