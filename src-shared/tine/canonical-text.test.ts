/**
 * The digest read from canonical text equals the digest of the re-encoded document, for strings
 * long enough to be copied natively, with escaped quotes and runs of backslashes at every offset
 * around the point where the byte-by-byte copy stops; and the WebAssembly compaction gives the same
 * digest cut into pieces of any size, or declines where a piece has no newline to end at.
 */
import { describe, expect, it } from 'vitest'
import { Run } from '../run/run'
import { serializeRun } from '../run/save'
import { canonicalTextDigest, compactCanonicalBytes, digestInPieces } from './canonical-text'
import { sha256Hex } from './hash'
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

function longStringsRun(): { bytes: Uint8Array; parsed: ReturnType<typeof parseArtifactBytesWithLayout> } {
  const run = new Run({ id: 'long-strings', createdAt: 1_900_000_000 })
  texts().forEach((text, index) =>
    run.addStep({ kind: 'tool', inputs: obj({ text }), outputs: obj({ [`k${index}"\\`]: text }) })
  )
  const bytes = new TextEncoder().encode(serializeRun(run))
  const parsed = parseArtifactBytesWithLayout(bytes)
  expect(parsed.canonical).not.toBeNull()
  return { bytes, parsed }
}

describe('canonicalTextDigest on long strings', () => {
  it('matches the re-encoded digest', () => {
    const { bytes, parsed } = longStringsRun()
    expect(canonicalTextDigest(bytes, parsed.canonical!)).toBe(integrityDigest(parsed.value as JsonObject))
  })

  it('is the same in WebAssembly pieces of any size as compacted in JavaScript', () => {
    const { bytes, parsed } = longStringsRun()
    const expected = sha256Hex(compactCanonicalBytes(bytes, parsed.canonical!))
    expect(expected).toBe(integrityDigest(parsed.value as JsonObject))
    for (const pieceBytes of [400_000, 1 << 20, undefined]) {
      expect(digestInPieces(bytes, parsed.canonical!, pieceBytes)).toBe(expected)
    }
    // The longest line (a 100,000-character string) does not fit a smaller piece.
    expect(digestInPieces(bytes, parsed.canonical!, 50_000)).toBeNull()
  })

  it('cuts a run of short lines into many small pieces without changing the digest', () => {
    const run = new Run({ id: 'short-lines', createdAt: 1_900_000_000 })
    for (let i = 0; i < 300; i++)
      run.addStep({ kind: 'think', inputs: obj({ text: `step ${i}: "quoted" \\ a b\tc` }), cost: i / 7 })
    const bytes = new TextEncoder().encode(serializeRun(run))
    const parsed = parseArtifactBytesWithLayout(bytes)
    const expected = integrityDigest(parsed.value as JsonObject)
    for (const pieceBytes of [160, 1000, 4096])
      expect(digestInPieces(bytes, parsed.canonical!, pieceBytes)).toBe(expected)
  })
})
