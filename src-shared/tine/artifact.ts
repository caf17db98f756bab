/**
 * Reading an artifact: bytes → hardened parse → integrity verdict → version handling.
 * The verdict is computed on the document as written, before any migration.
 */
import { TineError } from './errors'
import { verifyIntegrity, type IntegrityVerdict } from './integrity'
import { isObject, type JsonObject } from './json-value'
import { importLegacyLinear, isLegacyLinear, migrateV1 } from './migrate'
import { canonicalTextDigest } from './canonical-text'
import { parseArtifactBytesWithLayout, type ParseLimits } from './parse'

export type SourceFormat = 'v2' | 'v1' | 'legacy-0.1.0'

export interface ReadArtifact {
  /** The document in v2 shape (migrated or imported when the source was older). */
  document: JsonObject
  /** The document exactly as parsed from the bytes. */
  original: JsonObject
  sourceFormat: SourceFormat
  /** Integrity of the bytes as written; `null` for the legacy shape, which has no digest. */
  integrity: IntegrityVerdict | null
}

export function readArtifactBytes(bytes: Uint8Array, limits?: ParseLimits): ReadArtifact {
  const { artifact, verify } = readArtifactBytesDigestLater(bytes, limits)
  return { ...artifact, integrity: verify() }
}

export interface ArtifactDigestLater {
  /** Parsed and version-handled; `integrity` is null until `verify` gives the verdict. */
  artifact: ReadArtifact
  /** The verdict readArtifactBytes gives (null for the legacy shape, which has no digest). */
  verify(): IntegrityVerdict | null
}

/** readArtifactBytes with the digest left for later: a big run's structure can be shown first. */
export function readArtifactBytesDigestLater(bytes: Uint8Array, limits?: ParseLimits): ArtifactDigestLater {
  const { value, canonical } = parseArtifactBytesWithLayout(bytes, limits)
  const artifact = readArtifactDocument(value, { verify: false })
  const digestOf = canonical ? () => canonicalTextDigest(bytes, canonical) : undefined
  return {
    artifact,
    verify: () => (artifact.sourceFormat === 'legacy-0.1.0' ? null : verifyIntegrity(artifact.original, digestOf))
  }
}

export interface ReadOptions {
  /** False skips the digest (a quick listing row that a full load checks afterwards). */
  verify?: boolean
  /** The digest from the bytes, where they are canonical text; otherwise the document is re-encoded. */
  digestOf?: () => string
}

export function readArtifactDocument(parsed: unknown, options: ReadOptions = {}): ReadArtifact {
  if (!isObject(parsed)) throw new TineError('artifact.not-an-object', 'artifact root is not an object', '$')
  if (isLegacyLinear(parsed)) {
    return { document: importLegacyLinear(parsed), original: parsed, sourceFormat: 'legacy-0.1.0', integrity: null }
  }
  const version = parsed.format_version
  if (version === undefined) {
    throw new TineError(
      'artifact.unsupported-version',
      'missing format_version (not a .tine artifact?)',
      '$.format_version'
    )
  }
  if (typeof version !== 'bigint' || (version !== 1n && version !== 2n)) {
    const newer = typeof version === 'bigint' && version > 2n
    throw new TineError(
      'artifact.unsupported-version',
      newer
        ? `unsupported .tine format_version=${version}; written by a newer opentine`
        : `unsupported .tine format_version=${typeof version === 'string' ? `'${version}'` : String(version)}; supported (1, 2)`,
      '$.format_version'
    )
  }
  const integrity = options.verify === false ? null : verifyIntegrity(parsed, options.digestOf)
  if (version === 1n) return { document: migrateV1(parsed), original: parsed, sourceFormat: 'v1', integrity }
  return { document: parsed, original: parsed, sourceFormat: 'v2', integrity }
}
