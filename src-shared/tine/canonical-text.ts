/**
 * The integrity digest straight from the bytes of a canonical text (see CanonicalLayout): drop the
 * whitespace outside strings and the top-level `metadata` member, hash what is left. This is the
 * same digest the canonical writer gives, without building the document's canonical form again.
 */
import { PIECE_BYTES, pieceEnds, wasmCompactor } from './compact-wasm'
import { createSha256, sha256Hex } from './hash'
import type { CanonicalLayout } from './parse'

const QUOTE = 0x22
const BACKSLASH = 0x5c
/** Bytes of a string copied one by one before the rest is searched for natively. */
const SHORT_STRING = 96

/** The bytes without whitespace outside strings and without the layout's skipped range. */
export function compactCanonicalBytes(bytes: Uint8Array, layout: CanonicalLayout): Uint8Array {
  const out = new Uint8Array(bytes.length)
  // The skipped range lies between top-level members, never inside a string.
  let length = compactRange(bytes, 0, layout.skipStart, out, 0)
  length = compactRange(bytes, Math.max(layout.skipStart, layout.skipEnd), bytes.length, out, length)
  return out.subarray(0, length)
}

/** Copies bytes[from, to) into out at `length` without whitespace outside strings; returns the new length. */
function compactRange(bytes: Uint8Array, from: number, to: number, out: Uint8Array, length: number): number {
  let i = from
  while (i < to) {
    const byte = bytes[i] as number
    if (byte === QUOTE) {
      // Short strings byte by byte; the rest of a long one is found and copied natively.
      out[length++] = byte
      let j = i + 1
      const stop = Math.min(j + SHORT_STRING, to)
      let closed = false
      while (j < stop) {
        const inner = bytes[j++] as number
        out[length++] = inner
        if (inner === BACKSLASH) out[length++] = bytes[j++] as number
        else if (inner === QUOTE) {
          closed = true
          break
        }
      }
      if (!closed && j < to) {
        const end = Math.min(closingQuote(bytes, j), to - 1)
        out.set(bytes.subarray(j, end + 1), length)
        length += end + 1 - j
        j = end + 1
      }
      i = j
    } else {
      if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) out[length++] = byte
      i++
    }
  }
  return length
}

/** The quote that closes a string, searched from inside it: the first one not escaped by an odd run of backslashes. */
function closingQuote(bytes: Uint8Array, from: number): number {
  for (;;) {
    const quote = bytes.indexOf(QUOTE, from)
    if (quote < 0) return bytes.length - 1
    let backslashes = 0
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++
    if (backslashes % 2 === 0) return quote
    from = quote + 1
  }
}

/** SHA-256 (hex) of the body of a canonical text: the integrity digest of the document it holds. */
export function canonicalTextDigest(bytes: Uint8Array, layout: CanonicalLayout): string {
  return digestInPieces(bytes, layout) ?? sha256Hex(compactCanonicalBytes(bytes, layout))
}

/**
 * canonicalTextDigest with the compaction in WebAssembly, a piece at a time (see compact-wasm.ts);
 * null where WebAssembly is missing or some stretch of `pieceBytes` has no newline to cut at.
 */
export function digestInPieces(bytes: Uint8Array, layout: CanonicalLayout, pieceBytes?: number): string | null {
  const compactor = wasmCompactor()
  if (!compactor) return null
  // The skipped range lies between top-level members, never inside a string.
  const ranges: Array<[from: number, to: number]> = [
    [0, layout.skipStart],
    [Math.max(layout.skipStart, layout.skipEnd), bytes.length]
  ]
  const size = Math.min(pieceBytes ?? PIECE_BYTES, PIECE_BYTES)
  const pieces: Array<[from: number, ends: number[]]> = []
  for (const [from, to] of ranges) {
    const ends = pieceEnds(bytes, from, to, size)
    if (!ends) return null
    pieces.push([from, ends])
  }
  const hash = createSha256()
  for (const [from, ends] of pieces) {
    let start = from
    for (const end of ends) {
      hash.update(compactor.compactPiece(bytes, start, end))
      start = end
    }
  }
  return hash.digestHex()
}
