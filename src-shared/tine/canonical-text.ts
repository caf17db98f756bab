/**
 * The integrity digest straight from the bytes of a canonical text (see CanonicalLayout): drop the
 * whitespace outside strings and the top-level `metadata` member, hash what is left. This is the
 * same digest the canonical writer gives, without building the document's canonical form again.
 */
import { sha256Hex } from './hash'
import type { CanonicalLayout } from './parse'

const QUOTE = 0x22
const BACKSLASH = 0x5c

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
  let inString = false
  for (let i = from; i < to; i++) {
    const byte = bytes[i] as number
    if (inString) {
      out[length++] = byte
      if (byte === BACKSLASH) out[length++] = bytes[++i] as number
      else if (byte === QUOTE) inString = false
    } else if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) {
      out[length++] = byte
      if (byte === QUOTE) inString = true
    }
  }
  return length
}

/** SHA-256 (hex) of the body of a canonical text: the integrity digest of the document it holds. */
export function canonicalTextDigest(bytes: Uint8Array, layout: CanonicalLayout): string {
  return sha256Hex(compactCanonicalBytes(bytes, layout))
}
