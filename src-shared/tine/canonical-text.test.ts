/**
 * The digest read from canonical text equals the digest of the re-encoded document, for strings
 * long enough to be copied natively, with escaped quotes and runs of backslashes at every offset
 * around the point where the byte-by-byte copy stops.
 */
import { describe, expect, it } from 'vitest'
import { Run } from '../run/run'
import { serializeRun } from '../run/save'
import { canonicalTextDigest } from './canonical-text'
import { integrityDigest } from './integrity'
import { obj, type JsonObject } from './json-value'
import { parseArtifactBytesWithLayout } from './parse'

function texts(): string[] {
  const out: string[] = []
  for (let at = 80; at < 110; at++) {
    for (const tail of ['"', '\\', '\\"', '\\\\"', '\\\\\\"', '\n', '\u00e9', '\u{1F600}']) {
      out.push('x'.repeat(at) + tail + 'y'.repeat(40) + tail)
    }
  }
  out.push('a'.repeat(100_000), `${'line\n'.repeat(5_000)}"end"`, '\\'.repeat(301))
  return out
}

describe('canonicalTextDigest on long strings', () => {
  it('matches the re-encoded digest', () => {
    const run = new Run({ id: 'long-strings', createdAt: 1_900_000_000 })
    texts().forEach((text, index) =>
      run.addStep({ kind: 'tool', inputs: obj({ text }), outputs: obj({ [`k${index}"\\`]: text }) })
    )
    const bytes = new TextEncoder().encode(serializeRun(run))
    const parsed = parseArtifactBytesWithLayout(bytes)
    expect(parsed.canonical).not.toBeNull()
    expect(canonicalTextDigest(bytes, parsed.canonical!)).toBe(integrityDigest(parsed.value as JsonObject))
  })
})
