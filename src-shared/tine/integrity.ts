/** The integrity digest and its verdict object (spec §7). */
import { canonicalSha256 } from './canonical'
import { isObject, newObject, type JsonObject, type JsonValue } from './json-value'

export interface IntegrityVerdict {
  ok: boolean
  algorithm: string | null
  expected: JsonValue | null
  actual: string | null
  reason: string
  draft: boolean
}

/** The document without its top-level `metadata`: what the digest covers. */
export function artifactBody(document: JsonObject): JsonObject {
  const body = newObject()
  for (const [key, item] of Object.entries(document)) if (key !== 'metadata') body[key] = item
  return body
}

export function integrityDigest(document: JsonObject): string {
  return canonicalSha256(artifactBody(document))
}

const HEX64_ANY_CASE = /^[0-9a-fA-F]{64}$/

function pythonRepr(value: JsonValue | undefined): string {
  if (value === undefined) return "'missing'"
  if (typeof value === 'string') return `'${value}'`
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (value === null) return 'None'
  return String(value)
}

/**
 * Never throws: every problem is a verdict with a reason. `digestOf` gives the document's digest
 * another way (from canonical text); it is asked only when the declared digest is well formed.
 */
export function verifyIntegrity(document: JsonValue, digestOf?: () => string): IntegrityVerdict {
  const verdict = (
    ok: boolean,
    algorithm: string | null,
    expected: JsonValue | null,
    actual: string | null,
    reason: string
  ): IntegrityVerdict => ({
    ok,
    algorithm,
    expected,
    actual,
    reason,
    draft: isObject(document) ? truthy(document.draft) : false
  })
  if (!isObject(document)) return verdict(false, null, null, null, 'artifact root is not an object')
  const version = document.format_version
  if (typeof version !== 'bigint' || (version !== 1n && version !== 2n)) {
    if (typeof version === 'bigint' && version > 2n) {
      return verdict(
        false,
        null,
        null,
        null,
        `unsupported .tine format_version=${version}; written by a newer opentine`
      )
    }
    return verdict(false, null, null, null, `unsupported .tine format_version=${pythonRepr(version)}; supported (1, 2)`)
  }
  const metadata = document.metadata
  const integrity = isObject(metadata) ? metadata.integrity : undefined
  if (!isObject(integrity)) return verdict(false, null, null, null, 'missing integrity digest')
  const algorithm = integrity.algorithm
  const expected = integrity.digest ?? null
  if (algorithm !== 'sha256') return verdict(false, algorithmText(algorithm), expected, null, 'unsupported algorithm')
  if (typeof expected !== 'string' || !HEX64_ANY_CASE.test(expected))
    return verdict(false, 'sha256', expected, null, 'malformed digest')
  const actual = digestOf ? digestOf() : integrityDigest(document)
  return verdict(actual === expected, 'sha256', expected, actual, actual === expected ? 'ok' : 'digest mismatch')
}

function algorithmText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return 'None'
  return typeof value === 'string' ? value : String(value)
}

/** Python truthiness of a JSON value. */
export function truthy(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null || value === false || value === '' || value === 0 || value === 0n)
    return false
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === 'object') return Object.keys(value).length > 0
  return true
}
