/**
 * Tamper evidence is never erased. A run whose digest does not verify may be written (forked,
 * re-saved, signed, migrated) only when the user overrides the refusal, and the written run says
 * so in `metadata.warnings`, so its fresh, valid digest does not pass the edit off as original.
 */
import { isObject, obj, str, type JsonObject, type JsonValue } from '../tine/json-value'
import type { Run } from './run'

const WARNINGS_KEY = 'warnings'
export const INTEGRITY_OVERRIDE = 'integrity-override'

/** Why a run's content cannot be trusted for a write, or null when its digest held (or it has none by format). */
export function tamperReason(run: Run): string | null {
  if (run.provenance.sourceFormat === 'legacy-0.1.0') return null
  const verdict = run.provenance.integrity
  if (!verdict) return 'missing integrity digest'
  return verdict.ok ? null : verdict.reason
}

/** Records on `target` that it was written from `source` although the source failed its check. */
export function recordIntegrityOverride(target: Run, source: Run, action: string, reason: string): void {
  const existing = target.metadata[WARNINGS_KEY]
  const warnings = Array.isArray(existing) ? [...existing] : []
  warnings.push(obj({ kind: INTEGRITY_OVERRIDE, action, reason, source_run: source.id }))
  target.metadata[WARNINGS_KEY] = warnings
}

export function isIntegrityOverride(item: JsonValue): item is JsonObject {
  return isObject(item) && item.kind === INTEGRITY_OVERRIDE
}

export interface IntegrityOverride {
  action: string
  reason: string
  sourceRun: string
}

/** The overrides a run records (its own, and those its source carried into a fork). */
export function integrityOverrides(run: Run): IntegrityOverride[] {
  const warnings = run.metadata[WARNINGS_KEY]
  if (!Array.isArray(warnings)) return []
  return warnings
    .filter(isIntegrityOverride)
    .map((item) => ({ action: str(item.action), reason: str(item.reason), sourceRun: str(item.source_run) }))
}
