/**
 * `tine verify RUN`: the integrity digest (spec §7) and, only when a key flag asks for it, the
 * signature (spec §11, fail-closed). Exit 0 when every requested check passes, else 1.
 */
import type { Command } from 'commander'
import { readArtifactDocument } from '../../../src-shared/tine/artifact'
import { messageOf, TineError } from '../../../src-shared/tine/errors'
import { verifyIntegrity, type IntegrityVerdict } from '../../../src-shared/tine/integrity'
import { obj, type JsonObject, type JsonValue } from '../../../src-shared/tine/json-value'
import { isLegacyLinear } from '../../../src-shared/tine/migrate'
import { parseArtifactBytes } from '../../../src-shared/tine/parse'
import { classifyStepIds, describeStepIds, type StepIdClassification } from '../../../src-shared/tine/step-id-check'
import { verifySignature, type SignatureVerdict, type VerificationKeys } from '../../../src-shared/tine/signature'
import { runFromArtifact } from '../../../src-shared/run/load'
import { integrityOverrides, type IntegrityOverride } from '../../../src-shared/run/tamper'
import { readArtifactFile } from '../../store/run-file'
import { resolveRunArgument } from '../../store/run-lookup'
import '../../store/node-hash'
import { EXIT_FAILED, oneLine, UsageError } from '../errors'
import { setExitCode } from '../exit-status'
import { hexKeyFromFile, keyFromEnv, keyFromFile } from '../keys'
import { integrityJson } from '../json-views'
import { out, outJson } from '../output'

interface VerifyOptions {
  keyEnv?: string
  keyFile?: string
  pubkey?: string
  requireSignature?: boolean
  trustEmbeddedKey?: boolean
  pin?: string
  json?: boolean
}

interface Report {
  path: string
  /** Runs this file was written from although they failed their check (metadata.warnings). */
  overrides: IntegrityOverride[]
  stepIds: StepIdClassification | null
  integrity: IntegrityVerdict
  /** A refusal that is not about the digest: unreadable bytes or an invalid run. */
  error: string | null
  signature: SignatureVerdict | null
}

function failedIntegrity(reason: string): IntegrityVerdict {
  return { ok: false, algorithm: null, expected: null, actual: null, reason, draft: false }
}

function signatureRequested(options: VerifyOptions): boolean {
  return Boolean(
    options.keyEnv ||
    options.keyFile ||
    options.pubkey ||
    options.requireSignature ||
    options.trustEmbeddedKey ||
    options.pin
  )
}

async function verificationKeys(options: VerifyOptions): Promise<VerificationKeys> {
  const keys: VerificationKeys = {}
  if (options.keyEnv) keys.hmacKey = keyFromEnv(options.keyEnv)
  if (options.keyFile) keys.hmacKey = await keyFromFile(options.keyFile)
  if (options.pubkey) keys.ed25519PublicKey = await hexKeyFromFile(options.pubkey, 32, 'an Ed25519 public key')
  if (options.trustEmbeddedKey) keys.trustEmbeddedKey = true
  if (options.pin) {
    if (!/^sha256:[0-9a-fA-F]{64}$/.test(options.pin))
      throw new UsageError('--pin takes a key fingerprint: sha256: followed by 64 hex characters')
    keys.pinnedFingerprint = options.pin.toLowerCase()
  }
  return keys
}

async function check(path: string, options: VerifyOptions): Promise<Report> {
  const report: Report = {
    path,
    overrides: [],
    stepIds: null,
    integrity: failedIntegrity(''),
    error: null,
    signature: null
  }
  let document: JsonValue
  try {
    document = parseArtifactBytes(await readArtifactFile(path))
  } catch (error) {
    report.error = messageOf(error)
    report.integrity = failedIntegrity(report.error)
    return report
  }
  if (isLegacyLinear(document)) {
    report.error =
      'legacy 0.1.0 linear artifact: it has no integrity digest (convert it with `tine migrate --save PATH`)'
    report.integrity = failedIntegrity(report.error)
    return report
  }
  report.integrity = verifyIntegrity(document)
  if (!report.integrity.ok) return report
  try {
    // The digest only says the body is consistent; the run must also be one opentine would load.
    const run = runFromArtifact(readArtifactDocument(document))
    report.overrides = integrityOverrides(run)
    report.stepIds = classifyStepIds(run.steps)
  } catch (error) {
    if (!(error instanceof TineError)) throw error
    report.error = error.message
    return report
  }
  if (signatureRequested(options))
    report.signature = verifySignature(document as JsonObject, await verificationKeys(options))
  return report
}

function passed(report: Report): boolean {
  return report.integrity.ok && report.error === null && (report.signature === null || report.signature.ok)
}

function reportJson(report: Report): JsonObject {
  const { integrity, signature } = report
  return obj({
    command: 'verify',
    error: report.error ?? undefined,
    integrity: integrityJson(integrity),
    ok: passed(report),
    path: report.path,
    // Present only when there is something to warn about, so a clean file keeps the spec §17 shape.
    integrity_overrides: report.overrides.length
      ? report.overrides.map((item) => obj({ action: item.action, reason: item.reason, source_run: item.sourceRun }))
      : undefined,
    step_ids:
      report.stepIds && (report.stepIds.mismatched.length || report.stepIds.opaque)
        ? obj({
            content_addressed: BigInt(report.stepIds.contentAddressed),
            mismatched: report.stepIds.mismatched.map((item) => obj({ computed: item.computed, id: item.id })),
            opaque: BigInt(report.stepIds.opaque)
          })
        : undefined,
    signature: signature
      ? obj({
          algorithm: signature.algorithm,
          fingerprint: signature.fingerprint,
          key_id: signature.keyId,
          ok: signature.ok,
          reason: signature.reason,
          signed_at: signature.signedAt,
          signer: signature.signer,
          state: signature.state
        })
      : null
  })
}

function short(digest: JsonValue | null): string {
  return typeof digest === 'string' ? digest.slice(0, 12) : String(digest)
}

function printReport(report: Report): void {
  const { integrity, signature } = report
  if (!integrity.ok) {
    const detail =
      integrity.reason === 'digest mismatch'
        ? ` (recorded sha256:${short(integrity.expected)}, computed sha256:${short(integrity.actual)})`
        : ''
    out(oneLine(`FAILED ${report.path}: ${integrity.reason}${detail}`))
    return
  }
  if (report.error !== null) {
    out(oneLine(`FAILED ${report.path}: ${report.error}`))
    return
  }
  out(
    `OK ${report.path} sha256:${short(integrity.actual)}${integrity.draft ? ' (draft autosave checkpoint, not a final save)' : ''}`
  )
  if (report.stepIds?.mismatched.length) {
    out(`  step ids: ${describeStepIds(report.stepIds)}`)
    for (const item of report.stepIds.mismatched.slice(0, 20)) {
      out(
        `  warning: step ${item.id.slice(0, 12)} id MISMATCH (its content hashes to ${item.computed.slice(0, 12)}: edited after the id was taken)`
      )
    }
  }
  for (const item of report.overrides) {
    out(
      oneLine(
        `  warning: written from a file that failed its integrity check (${item.action} with --force; source ${item.sourceRun.slice(0, 12)}: ${item.reason})`
      )
    )
  }
  if (!signature) return
  if (signature.ok) {
    const parts = [`alg=${signature.algorithm}`, `scheme=${signature.scheme}`]
    if (signature.keyId !== null) parts.push(`key_id=${signature.keyId}`)
    if (signature.signer !== null) parts.push(`signer=${signature.signer}`)
    if (signature.state === 'verified-tofu') parts.push('(trusted the embedded public key)')
    out(oneLine(`SIGNATURE OK ${parts.join(' ')}`))
  } else {
    out(oneLine(`SIGNATURE FAILED state=${signature.state} (${signature.reason})`))
  }
  // On its own line, so it can be compared with (or copied into) `--pin` as it is.
  if (signature.fingerprint) out(`  key fingerprint: ${signature.fingerprint}`)
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('check the integrity digest and, when a key is given, the signature')
    .argument('<run>', 'a .tine path, or a run id / file name prefix in .tine_runs/')
    .option('--key-env <var>', 'HMAC key from this environment variable')
    .option('--key-file <file>', 'HMAC key file (raw bytes, one trailing newline ignored)')
    .option('--pubkey <file>', 'trusted Ed25519 public key file (64 hex characters)')
    .option('--require-signature', 'fail when the run is not signed')
    .option('--trust-embedded-key', 'accept an Ed25519 signature against the public key it carries')
    .option('--pin <fingerprint>', 'pass only for an Ed25519 signature by the key with this fingerprint (sha256:HEX)')
    .option('--json', 'print one JSON object')
    .action(async (argument: string, options: VerifyOptions) => {
      const path = await resolveRunArgument(argument)
      const report = await check(path, options)
      if (options.json) outJson(reportJson(report))
      else printReport(report)
      if (!passed(report)) setExitCode(EXIT_FAILED)
    })
}
