/** Writing a `tine-sig/2` signature block (spec §11, writer policy). */
import { ed25519 } from '@noble/curves/ed25519.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { TineError } from './errors'
import { truthy, verifyIntegrity } from './integrity'
import { deepCopy, isObject, obj, type JsonObject } from './json-value'
import { assertEd25519Seed, assertHmacKeyStrong } from './signature-keys'
import { SCHEME_V2, signedMessage } from './signature-view'

export interface SignOptions {
  algorithm: 'hmac-sha256' | 'ed25519'
  /** The HMAC key, or the 32-byte Ed25519 seed. */
  key: Uint8Array
  keyId?: string
  signer?: string
  signedAt?: string
}

const TERMINAL_STATUSES = ['completed', 'failed']

/** A new document carrying `metadata.integrity.signature`; the input is left untouched. */
export function signDocument(document: JsonObject, options: SignOptions): JsonObject {
  checkOptions(options)
  checkSignable(document)
  const signed = deepCopy(document)
  const block = obj({
    alg: options.algorithm,
    key_id: options.keyId,
    scheme: SCHEME_V2,
    signed_at: options.signedAt,
    signer: options.signer
  })
  const message = signedMessage(signed, block)
  if (options.algorithm === 'hmac-sha256') {
    block.value = bytesToHex(hmac(sha256, options.key, message))
  } else {
    block.value = bytesToHex(ed25519.sign(message, options.key))
    block.public_key = bytesToHex(ed25519.getPublicKey(options.key))
  }
  const integrity = (signed.metadata as JsonObject).integrity as JsonObject
  integrity.signature = block
  return signed
}

function checkOptions(options: SignOptions): void {
  if (options.algorithm === 'hmac-sha256') assertHmacKeyStrong(options.key)
  else if (options.algorithm === 'ed25519') assertEd25519Seed(options.key)
  else refuse(`unsupported signature algorithm ${JSON.stringify(options.algorithm)}; use hmac-sha256 or ed25519`)
  for (const [name, value] of [
    ['key id', options.keyId],
    ['signer', options.signer],
    ['signed-at', options.signedAt]
  ] as const) {
    if (value !== undefined && typeof value !== 'string') refuse(`signature ${name} must be a string`)
  }
}

function checkSignable(document: JsonObject): void {
  if (!isObject(document)) refuse('artifact root is not an object')
  if (document.format_version !== 2n) refuse('only format_version 2 artifacts can be signed; migrate the file first')
  if (truthy(document.draft)) refuse('refusing to sign a draft (autosave checkpoint); save the finished run first')
  const status = document.status
  if (typeof status !== 'string' || !TERMINAL_STATUSES.includes(status)) {
    refuse(
      `refusing to sign a run with status ${typeof status === 'string' ? JSON.stringify(status) : 'missing or not a string'}; only completed or failed runs can be signed`
    )
  }
  const integrity = verifyIntegrity(document)
  if (!integrity.ok) refuse(`refusing to sign: integrity check failed (${integrity.reason})`)
}

function refuse(message: string): never {
  throw new TineError('signature.refused', message)
}
