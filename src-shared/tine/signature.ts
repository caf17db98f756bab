/**
 * Authenticity signatures of `.tine` artifacts (spec §11): verification verdicts here, signing in
 * signature-sign.ts, key helpers in signature-keys.ts, the signed view in signature-view.ts.
 */
import { ed25519 } from '@noble/curves/ed25519.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { isObject, type JsonObject, type JsonValue } from './json-value'
import { constantTimeEqual, hexToBytes, isHex, isWeakEd25519PublicKey, MIN_HMAC_KEY_BYTES } from './signature-keys'
import { ALGORITHMS, HEADER_KEYS, SCHEMES, signedMessage } from './signature-view'

export { signedMessage, SCHEME_V1, SCHEME_V2, SIGNATURE_DOMAIN, SIG1_METADATA_KEYS } from './signature-view'
export { signDocument, type SignOptions } from './signature-sign'
export {
  ed25519PublicKeyFromSeed,
  generateEd25519Seed,
  hexToBytes,
  hmacKeyBytes,
  MIN_HMAC_KEY_BYTES,
  parseKeyFileText,
  publicKeyMaterialReason
} from './signature-keys'
export type { HmacKeyFormat } from './signature-keys'
import { messageOf } from './errors'

export type SignatureState = 'verified' | 'verified-tofu' | 'unsigned' | 'no-key' | 'mismatch' | 'error'

export interface SignatureVerdict {
  /** True only for `verified` and `verified-tofu`. */
  ok: boolean
  state: SignatureState
  scheme: string | null
  algorithm: string | null
  keyId: string | null
  signer: string | null
  signedAt: string | null
  /** One line a person can read. */
  reason: string
  /** Ed25519: the key that was checked, as `sha256:` + hex of its 32 raw bytes. */
  fingerprint?: string
}

/** How a person names an Ed25519 public key: `sha256:` + hex of the SHA-256 of its raw bytes. */
export function ed25519Fingerprint(publicKey: Uint8Array): string {
  return `sha256:${bytesToHex(sha256(publicKey))}`
}

export interface VerificationKeys {
  /** HMAC keys by the block's `key_id`. */
  hmacKeys?: Record<string, Uint8Array>
  /** HMAC key used whatever the block's `key_id` (after `hmacKeys` found nothing). */
  hmacKey?: Uint8Array
  /** A trusted Ed25519 public key, 32 raw bytes. */
  ed25519PublicKey?: Uint8Array
  /** Verify Ed25519 against the key embedded in the block; yields `verified-tofu`, never `verified`. */
  trustEmbeddedKey?: boolean
  /** Ed25519 only: pass only when the key has this fingerprint (then the embedded key counts as trusted). */
  pinnedFingerprint?: string
}

const VALUE_HEX_LENGTH: Record<string, number> = { 'hmac-sha256': 64, ed25519: 128 }

/** Never throws: every problem is a verdict with a reason. */
export function verifySignature(document: JsonObject, keys: VerificationKeys): SignatureVerdict {
  try {
    return verifyUnchecked(document, keys)
  } catch (error) {
    return verdictOf(null, 'error', `signature could not be checked: ${messageOf(error)}`)
  }
}

function verifyUnchecked(document: JsonObject, keys: VerificationKeys): SignatureVerdict {
  if (!isObject(document)) return verdictOf(null, 'error', 'artifact root is not an object')
  const metadata = document.metadata
  if (metadata !== undefined && metadata !== null && !isObject(metadata))
    return verdictOf(null, 'error', 'artifact metadata is not an object')
  const integrity = isObject(metadata) ? metadata.integrity : undefined
  if (integrity !== undefined && integrity !== null && !isObject(integrity))
    return verdictOf(null, 'error', 'artifact integrity is not an object')
  const block = isObject(integrity) ? integrity.signature : undefined
  if (block === undefined || block === null) return verdictOf(null, 'unsigned', 'no signature present')
  if (!isObject(block)) return verdictOf(null, 'error', 'signature block is not an object')

  const verdict = (state: SignatureState, reason: string) => verdictOf(block, state, reason)
  const scheme = block.scheme
  if (typeof scheme !== 'string' || !SCHEMES.includes(scheme))
    return verdict('error', `unsupported signature scheme ${describe(scheme)}`)
  for (const key of HEADER_KEYS) {
    const value = block[key]
    if (value !== undefined && value !== null && typeof value !== 'string')
      return verdict('error', `malformed signature header: ${key} must be a string`)
  }
  const algorithm = block.alg
  if (typeof algorithm !== 'string') return verdict('error', 'malformed signature header: alg is missing')
  if (!ALGORITHMS.includes(algorithm)) return verdict('error', `unsupported signature algorithm ${describe(algorithm)}`)
  const value = block.value
  const expectedLength = VALUE_HEX_LENGTH[algorithm]
  if (typeof value !== 'string' || value.length !== expectedLength || !isHex(value)) {
    return verdict('error', `malformed signature value: expected ${expectedLength} hex characters for ${algorithm}`)
  }
  let message: Uint8Array
  try {
    message = signedMessage(document, block)
  } catch (error) {
    return verdict('error', `signed content cannot be encoded: ${messageOf(error)}`)
  }
  const where = describeBlock(block)
  if (algorithm === 'hmac-sha256') return verifyHmac(block, value, message, keys, where, verdict)
  return verifyEd25519(block, value, message, keys, where, verdict)
}

type VerdictFor = (state: SignatureState, reason: string) => SignatureVerdict

function verifyHmac(
  block: JsonObject,
  value: string,
  message: Uint8Array,
  keys: VerificationKeys,
  where: string,
  verdict: VerdictFor
): SignatureVerdict {
  const keyId = typeof block.key_id === 'string' ? block.key_id : null
  const byId =
    keyId !== null && keys.hmacKeys && Object.prototype.hasOwnProperty.call(keys.hmacKeys, keyId)
      ? keys.hmacKeys[keyId]
      : undefined
  const key = byId ?? keys.hmacKey
  if (!key)
    return verdict(
      'no-key',
      keyId === null ? 'no HMAC key supplied (the signature names no key_id)' : `no HMAC key for key_id=${keyId}`
    )
  if (key.length < MIN_HMAC_KEY_BYTES) {
    return verdict('error', `HMAC key too short (${key.length} bytes); use at least ${MIN_HMAC_KEY_BYTES}`)
  }
  const expected = bytesToHex(hmac(sha256, key, message))
  // Compared as text like opentine does, so an upper-case stored value is a mismatch there and here.
  if (constantTimeEqual(expected, value)) return verdict('verified', `HMAC-SHA256 signature verified (${where})`)
  return verdict('mismatch', `HMAC-SHA256 signature does not match (${where}): wrong key or edited content`)
}

function verifyEd25519(
  block: JsonObject,
  value: string,
  message: Uint8Array,
  keys: VerificationKeys,
  where: string,
  verdict: VerdictFor
): SignatureVerdict {
  let publicKey: Uint8Array
  let trusted: boolean
  if (keys.ed25519PublicKey) {
    publicKey = keys.ed25519PublicKey
    trusted = true
    if (publicKey.length !== 32)
      return verdict('error', `malformed Ed25519 public key: expected 32 bytes, got ${publicKey.length}`)
  } else if (keys.trustEmbeddedKey || keys.pinnedFingerprint !== undefined) {
    const embedded = block.public_key
    if (typeof embedded !== 'string' || embedded.length !== 64 || !isHex(embedded))
      return verdict('error', 'malformed embedded Ed25519 public key')
    publicKey = hexToBytes(embedded)
    trusted = false
  } else {
    return verdict('no-key', 'no trusted Ed25519 public key supplied (pass one, or opt in to the embedded key)')
  }
  const fingerprint = ed25519Fingerprint(publicKey)
  const named = (state: SignatureState, reason: string) => ({
    ...verdict(state, `${reason} [key ${fingerprint}]`),
    fingerprint
  })
  if (isWeakEd25519PublicKey(publicKey))
    return named('error', 'Ed25519 public key has small order or a non-canonical encoding')
  let valid: boolean
  try {
    valid = ed25519.verify(hexToBytes(value), message, publicKey, { zip215: false })
  } catch {
    valid = false
  }
  if (!valid) return named('mismatch', `Ed25519 signature does not match (${where}): wrong key or edited content`)
  if (keys.pinnedFingerprint !== undefined) {
    if (keys.pinnedFingerprint.toLowerCase() !== fingerprint)
      return named(
        'mismatch',
        `Ed25519 signature is valid but made with a key that is not the pinned ${keys.pinnedFingerprint} (${where})`
      )
    return named('verified', `Ed25519 signature verified with the pinned key (${where})`)
  }
  if (trusted) return named('verified', `Ed25519 signature verified (${where})`)
  return named(
    'verified-tofu',
    `Ed25519 signature verified against its own embedded key only, not a trusted one (${where})`
  )
}

function verdictOf(block: JsonObject | null, state: SignatureState, reason: string): SignatureVerdict {
  const text = (value: JsonValue | undefined) => (typeof value === 'string' ? value : null)
  return {
    ok: state === 'verified' || state === 'verified-tofu',
    state,
    scheme: block ? text(block.scheme) : null,
    algorithm: block ? text(block.alg) : null,
    keyId: block ? text(block.key_id) : null,
    signer: block ? text(block.signer) : null,
    signedAt: block ? text(block.signed_at) : null,
    reason
  }
}

function describeBlock(block: JsonObject): string {
  const parts = [String(block.scheme)]
  if (typeof block.key_id === 'string') parts.push(`key_id=${block.key_id}`)
  return parts.join(', ')
}

function describe(value: JsonValue | undefined): string {
  if (value === undefined) return '(missing)'
  if (typeof value === 'string') return JSON.stringify(value)
  if (Array.isArray(value)) return 'an array'
  if (isObject(value)) return 'an object'
  return String(value)
}
