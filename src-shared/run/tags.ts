import type { JsonValue } from '../tine/json-value'

/** opentine's tag normalisation: strip, lower-case, de-duplicate, sort (spec §4). */
export function normalizeTags(value: JsonValue | undefined | string[]): string[] {
  if (!Array.isArray(value)) return []
  const tags = new Set<string>()
  for (const tag of value) {
    if (typeof tag !== 'string') continue
    const normalized = tag.trim().toLowerCase()
    if (normalized) tags.add(normalized)
  }
  return [...tags].sort()
}
