/** Transcript slicing for forks (spec §19). */
import { deepCopy, isObject, type JsonValue } from '../tine/json-value'

/** The step a turn belongs to, or undefined for an unscoped turn (Python truthiness of `step_id`). */
function scopeOf(turn: JsonValue): JsonValue | undefined {
  if (!isObject(turn)) return undefined
  const stepId = turn.step_id
  if (stepId === undefined || stepId === null || stepId === false || stepId === '' || stepId === 0 || stepId === 0n)
    return undefined
  if (Array.isArray(stepId) && stepId.length === 0) return undefined
  if (isObject(stepId) && Object.keys(stepId).length === 0) return undefined
  return stepId
}

/**
 * Keeps the turns that belong to retained steps. Unscoped turns (the user prompt, resume prompts)
 * travel with the next scoped turn: kept when it is kept. Slicing stops right after the fork point's
 * turn. A transcript with no scoped turn at all is kept whole. Returns deep copies.
 */
export function sliceTranscript(
  transcript: readonly JsonValue[],
  retained: ReadonlySet<string>,
  forkPoint: string
): JsonValue[] {
  const kept: JsonValue[] = []
  let pending: JsonValue[] = []
  let sawScoped = false
  let lastScopedRetained = false
  let stopped = false
  for (const turn of transcript) {
    const scope = scopeOf(turn)
    if (scope === undefined) {
      pending.push(turn)
      continue
    }
    sawScoped = true
    lastScopedRetained = typeof scope === 'string' && retained.has(scope)
    if (lastScopedRetained) kept.push(...pending, turn)
    pending = []
    if (scope === forkPoint) {
      stopped = true
      break
    }
  }
  if (!sawScoped) return transcript.map((turn) => deepCopy(turn))
  if (!stopped && lastScopedRetained) kept.push(...pending)
  return kept.map((turn) => deepCopy(turn))
}
