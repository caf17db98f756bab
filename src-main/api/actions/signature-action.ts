/**
 * runs.verifySignature: checks a run's signature (spec §11) with a key the user typed, on the
 * document exactly as written (a migrated copy would not match what was signed).
 */
import type { RequestOf } from '../../../src-shared/api/contract'
import type { SignatureCheckView } from '../../../src-shared/api/action-types'
import { readArtifactBytes } from '../../../src-shared/tine/artifact'
import {
  hexToBytes,
  hmacKeyBytes,
  publicKeyMaterialReason,
  verifySignature,
  type VerificationKeys
} from '../../../src-shared/tine/signature'
import type { FolderRegistry } from '../folder-registry'
import { hasJournal, recoverRunDetailed } from '../../store/journal-recover'
import { readArtifactFile } from '../../store/run-file'
import { confinedRunFile } from '../path-guard'
import { messageOf } from '../../../src-shared/tine/errors'
import { ApiError } from '../../../src-shared/api/api-error'

function keysOf(request: RequestOf<'runs.verifySignature'>): VerificationKeys {
  const keys: VerificationKeys = {}
  // Text keys are UTF-8 bytes, as opentine's key files hold them; hex and base64 carry the bytes themselves.
  if (request.hmacKey !== undefined) {
    const reason = publicKeyMaterialReason(request.hmacKey)
    if (reason) throw new ApiError('bad-request', `refusing the pasted text as an HMAC key: ${reason}`)
    const format = request.hmacKeyFormat ?? 'text'
    try {
      keys.hmacKey = hmacKeyBytes(request.hmacKey, format)
    } catch (error) {
      throw new ApiError('bad-request', `the pasted HMAC key is not ${format}: ${messageOf(error)}`)
    }
  }
  if (request.ed25519PublicKeyHex !== undefined)
    keys.ed25519PublicKey = hexToBytes(request.ed25519PublicKeyHex.toLowerCase())
  if (request.trustEmbeddedKey) keys.trustEmbeddedKey = true
  return keys
}

export async function verifySignatureAction(
  registry: FolderRegistry,
  request: RequestOf<'runs.verifySignature'>
): Promise<SignatureCheckView> {
  const file = await confinedRunFile(registry, request.file)
  let original
  try {
    original = readArtifactBytes(await readArtifactFile(file)).original
  } catch (error) {
    throw new ApiError('unreadable', `cannot read ${file}: ${messageOf(error)}`)
  }
  const verdict = verifySignature(original, keysOf(request))
  // The explorer shows the file plus its journal; a signature says nothing about journal lines.
  const journalEntries = (await hasJournal(file))
    ? (await recoverRunDetailed(file).catch(() => ({ replayedEntries: 0 }))).replayedEntries
    : 0
  if (journalEntries > 0) {
    return {
      ok: false,
      state: 'journal-extended',
      scheme: verdict.scheme,
      algorithm: verdict.algorithm,
      keyId: verdict.keyId,
      signer: verdict.signer,
      reason: `the signature ${verdict.ok ? 'holds for' : 'does not hold for'} the saved file only; the ${journalEntries} journal ${journalEntries === 1 ? 'entry' : 'entries'} shown on top of it are not signed`
    }
  }
  return {
    ok: verdict.ok,
    state: verdict.state,
    scheme: verdict.scheme,
    algorithm: verdict.algorithm,
    keyId: verdict.keyId,
    signer: verdict.signer,
    reason: verdict.reason,
    fingerprint: verdict.fingerprint ?? null
  }
}
