/**
 * SHA-256 for the core. The default is @noble/hashes (pure JS, runs in the renderer too);
 * the Node side plugs in node:crypto, which is several times faster on big runs.
 */
import { sha256 } from '@noble/hashes/sha2.js'

import { bytesToHex } from '@noble/hashes/utils.js'

export type Sha256Hex = (data: Uint8Array) => string

/** An incremental SHA-256, so big documents are hashed in chunks instead of one huge buffer. */
export interface Sha256Stream {
  update(data: Uint8Array): void
  /** Hashes ASCII text without an intermediate byte array, where the backend can. */
  updateAscii?(text: string): void
  digestHex(): string
}

let backend: Sha256Hex = (data) => bytesToHex(sha256(data))
let streamBackend: () => Sha256Stream = () => {
  const state = sha256.create()
  return {
    update: (data) => void state.update(data),
    digestHex: () => bytesToHex(state.digest())
  }
}

export function createSha256(): Sha256Stream {
  return streamBackend()
}

export function sha256Hex(data: Uint8Array): string {
  return backend(data)
}

const encoder = new TextEncoder()

/** SHA-256 of an ASCII/UTF-8 string. */
export function sha256HexOfText(text: string): string {
  return backend(encoder.encode(text))
}

/** Replaces the SHA-256 implementation (for example with node:crypto). */
export function useSha256(implementation: Sha256Hex, stream?: () => Sha256Stream): void {
  backend = implementation
  if (stream) streamBackend = stream
}

export function bytesToHexString(bytes: Uint8Array): string {
  return bytesToHex(bytes)
}
