/** What a `tine-sig/*` signature covers: the signed view and its message bytes (spec §11). */
import { canonicalBytes } from './canonical'
import { artifactBody } from './integrity'
import { isObject, newObject, type JsonObject, type JsonValue } from './json-value'

export const SCHEME_V1 = 'tine-sig/1'
export const SCHEME_V2 = 'tine-sig/2'
export const SCHEMES: readonly string[] = [SCHEME_V1, SCHEME_V2]
export const ALGORITHMS: readonly string[] = ['hmac-sha256', 'ed25519']
/** Both schemes share this prefix; the scheme itself is told apart inside the header. */
export const SIGNATURE_DOMAIN = 'opentine.signature.v1:'

/** tine-sig/1 froze this allow-list; tags, fork_reason and app keys stay outside it forever. */
export const SIG1_METADATA_KEYS: readonly string[] = [
  'model_info',
  'system_prompt',
  'user_prompt',
  'forked_from',
  'fork_point',
  'warnings',
  'replay',
  'context',
  'next_harness',
  'migration',
  'fork'
]

export const HEADER_KEYS = ['alg', 'key_id', 'scheme', 'signed_at', 'signer'] as const

/** All five header keys, each `null` when the block does not carry it. */
export function signatureHeader(block: JsonObject): JsonObject {
  const header = newObject()
  for (const key of HEADER_KEYS) header[key] = block[key] ?? null
  return header
}

/** The metadata a block's scheme signs; an unknown scheme is treated as v1 (callers reject it first). */
export function signedMetadata(metadata: JsonObject, scheme: JsonValue | undefined): JsonObject {
  const signed = newObject()
  if (scheme === SCHEME_V2) {
    for (const [key, item] of Object.entries(metadata)) if (key !== 'integrity') signed[key] = item
  } else {
    for (const key of SIG1_METADATA_KEYS) {
      const item = metadata[key]
      if (item !== undefined && Object.prototype.hasOwnProperty.call(metadata, key)) signed[key] = item
    }
  }
  return signed
}

const encoder = new TextEncoder()

/** `"opentine.signature.v1:" + canon_v2({"body", "header", "metadata"})`; throws TineError on unencodable content. */
export function signedMessage(document: JsonObject, block: JsonObject): Uint8Array {
  const metadata = isObject(document.metadata) ? document.metadata : newObject()
  const view = newObject()
  view.body = artifactBody(document)
  view.header = signatureHeader(block)
  view.metadata = signedMetadata(metadata, block.scheme)
  const prefix = encoder.encode(SIGNATURE_DOMAIN)
  const canonical = canonicalBytes(view)
  const message = new Uint8Array(prefix.length + canonical.length)
  message.set(prefix, 0)
  message.set(canonical, prefix.length)
  return message
}
