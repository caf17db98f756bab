/**
 * SHA-256 for the core. The default is @noble/hashes (pure JS, runs in the renderer too);
 * the Node side plugs in node:crypto, which is several times faster on big runs.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'

export type Sha256Hex = (data: Uint8Array) => string

let backend: Sha256Hex = (data) => bytesToHex(sha256(data))

export function sha256Hex(data: Uint8Array): string {
  return backend(data)
}

const encoder = new TextEncoder()

/** SHA-256 of an ASCII/UTF-8 string. */
export function sha256HexOfText(text: string): string {
  return backend(encoder.encode(text))
}

/** Replaces the SHA-256 implementation (for example with node:crypto). */
export function useSha256(implementation: Sha256Hex): void {
  backend = implementation
}

export function bytesToHexString(bytes: Uint8Array): string {
  return bytesToHex(bytes)
}
