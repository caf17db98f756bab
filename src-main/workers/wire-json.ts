/**
 * Load results cross from the workers as JSON text (cheaper than a structured clone for big views).
 * A result that only passes through the main side (a run's view, a step, a diff) stays that text:
 * browser mode's HTTP server sends it on as it is, and only a caller that needs the value parses
 * it. For a 100,000-step view that spares the main thread a parse of 30 MB and its garbage.
 */
export class WireJson<T> {
  /** The type of the value the text holds (compile time only). */
  declare readonly valueType?: T
  constructor(readonly text: string) {}
}

/** A handler's result as a value: wire text is parsed. */
export function resultValueOf(result: unknown): unknown {
  return result instanceof WireJson ? JSON.parse(result.text) : result
}

/** A handler's result as JSON text: wire text as it came, anything else serialized. */
export function jsonTextOf(result: unknown): string {
  return result instanceof WireJson ? result.text : JSON.stringify(result ?? null)
}
