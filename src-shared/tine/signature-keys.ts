/** Key material for `.tine` signatures (spec §11): hex, key files, Ed25519 seeds and public keys. */
import { ed25519 } from '@noble/curves/ed25519.js'
import { TineError } from './errors'

export const MIN_HMAC_KEY_BYTES = 16
export const ED25519_SEED_BYTES = 32
export const ED25519_PUBLIC_KEY_BYTES = 32

const HEX_DIGITS = /^[0-9a-fA-F]*$/

export function isHex(text: string): boolean {
  return text.length > 0 && text.length % 2 === 0 && HEX_DIGITS.test(text)
}

/** Decodes hex (either case); an odd length or a non-hex character is a one-line TineError. */
export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0)
    throw new TineError('signature.invalid', `not a hex string: odd length (${hex.length} characters)`)
  const bad = hex.search(/[^0-9a-fA-F]/)
  if (bad >= 0)
    throw new TineError('signature.invalid', `not a hex string: ${JSON.stringify(hex[bad])} at position ${bad}`)
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return bytes
}

/** How a pasted HMAC key is written: its characters as UTF-8, or the bytes in hex or base64. */
export type HmacKeyFormat = 'text' | 'hex' | 'base64'

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/

/**
 * The key bytes of pasted HMAC key text. Text is taken exactly as typed; hex and base64 ignore
 * surrounding and embedded whitespace (a key copied from a wrapped line), and anything else in them
 * is a one-line TineError.
 */
export function hmacKeyBytes(text: string, format: HmacKeyFormat): Uint8Array {
  if (format === 'text') return new TextEncoder().encode(text)
  const compact = text.replace(/\s+/g, '')
  if (format === 'hex') return hexToBytes(compact)
  const standard = compact.replace(/-/g, '+').replace(/_/g, '/')
  if (standard === '' || !BASE64.test(standard))
    throw new TineError('signature.invalid', 'not base64: use A-Z, a-z, 0-9, + and / (or - and _), with = padding')
  return Uint8Array.from(atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '=')), (char) => char.charCodeAt(0))
}

/** opentine reads key files as bytes and drops exactly one trailing LF, nothing else. */
export function parseKeyFileText(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text
}

export function assertHmacKeyStrong(key: Uint8Array): void {
  if (key.length === 0) throw new TineError('signature.refused', 'HMAC key must not be empty')
  if (key.length < MIN_HMAC_KEY_BYTES) {
    throw new TineError(
      'signature.refused',
      `HMAC key too short (${key.length} bytes); use at least ${MIN_HMAC_KEY_BYTES}`
    )
  }
}

export function assertEd25519Seed(seed: Uint8Array): void {
  if (seed.length !== ED25519_SEED_BYTES) {
    throw new TineError('signature.refused', `Ed25519 seed must be ${ED25519_SEED_BYTES} bytes, got ${seed.length}`)
  }
}

export function ed25519PublicKeyFromSeed(seed: Uint8Array): Uint8Array {
  assertEd25519Seed(seed)
  return ed25519.getPublicKey(seed)
}

export function generateEd25519Seed(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(ED25519_SEED_BYTES))
}

/**
 * A small-order or non-canonically encoded public key verifies crafted signatures over any
 * message, so it is never a key worth trusting (opentine refuses such keys too).
 */
export function isWeakEd25519PublicKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== ED25519_PUBLIC_KEY_BYTES) return true
  try {
    return ed25519.Point.fromBytes(publicKey, false).isSmallOrder()
  } catch {
    return true
  }
}

/** Compares two equal-purpose strings without an early exit on the first difference. */
export function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length
  const length = Math.max(a.length, b.length)
  for (let i = 0; i < length; i++) difference |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0)
  return difference === 0
}

/**
 * Why text is public-key material and not an HMAC secret, or null. A PEM or OpenSSH public key
 * (or anything in a `*.pub` file) used as an HMAC key would "verify" with a key anyone has.
 */
export function publicKeyMaterialReason(text: string, fileName?: string): string | null {
  if (fileName !== undefined && /\.pub$/i.test(fileName))
    return `${fileName} is a public key file (*.pub), not an HMAC secret`
  const head = text.trimStart()
  if (/^-----BEGIN [A-Z0-9 ]*PUBLIC KEY-----/.test(head)) return 'this is a PEM public key, not an HMAC secret'
  if (/^(ssh-ed25519|ssh-rsa|ssh-dss|ecdsa-sha2-[a-z0-9]+|sk-ssh-ed25519@openssh\.com) [A-Za-z0-9+/=]+/.test(head))
    return 'this is an OpenSSH public key, not an HMAC secret'
  return null
}
