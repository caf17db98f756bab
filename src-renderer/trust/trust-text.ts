/** Words for the trust banner: integrity and signature states as a person reads them. Pure. */
import type { SignatureCheckView } from '../../src-shared/api/action-types'
import type { TrustView } from '../../src-shared/api/types'

export type Tone = 'good' | 'warn' | 'bad' | 'neutral'

export interface TrustLine {
  /** Machine-readable state, exposed as a data attribute. */
  state: string
  text: string
  tone: Tone
}

export function integrityLine(trust: TrustView): TrustLine {
  switch (trust.integrity) {
    case 'ok':
      return { state: 'ok', text: 'Integrity verified: the digest matches the content', tone: 'good' }
    case 'mismatch':
      return {
        state: 'mismatch',
        text: `Integrity mismatch: ${trust.integrityReason || 'the digest does not match the content'}`,
        tone: 'bad'
      }
    case 'missing':
      return { state: 'missing', text: 'No integrity digest: the content cannot be checked', tone: 'warn' }
    case 'unsupported':
      return {
        state: 'unsupported',
        text: `Integrity not checkable: ${trust.integrityReason || 'unsupported digest'}`,
        tone: 'warn'
      }
    case 'legacy':
      return { state: 'legacy', text: 'Legacy file: written before digests existed', tone: 'neutral' }
    case 'checking':
      return { state: 'checking', text: 'Checking integrity: read-only until the digest is known', tone: 'neutral' }
    default:
      return { state: String(trust.integrity), text: `Integrity: ${String(trust.integrity)}`, tone: 'warn' }
  }
}

function signedBy(trust: TrustView): string {
  const parts = [
    trust.signatureAlgorithm,
    trust.signatureKeyId && `key ${trust.signatureKeyId}`,
    trust.signatureSigner && `by ${trust.signatureSigner}`
  ]
  const text = parts.filter(Boolean).join(', ')
  return text ? ` (${text})` : ''
}

/** The signature as loaded, or as the user's last check found it. */
export function signatureLine(trust: TrustView, check: SignatureCheckView | null): TrustLine {
  if (check) {
    const tone: Tone = check.ok
      ? check.state === 'verified'
        ? 'good'
        : 'warn'
      : check.state === 'no-key' || check.state === 'unsigned'
        ? 'neutral'
        : 'bad'
    const label: Record<string, string> = {
      verified: 'Signature verified',
      'verified-tofu': 'Signature matches the key embedded in the file (that key is not otherwise trusted)',
      'no-key': 'Signature not checkable without a key',
      unsigned: 'Unsigned',
      mismatch: 'Signature mismatch',
      error: 'Signature error',
      'journal-extended': 'Signature covers the saved file only'
    }
    return { state: check.state, text: `${label[check.state] ?? check.state}: ${check.reason}`, tone }
  }
  switch (trust.signature) {
    case 'unsigned':
      return { state: 'unsigned', text: 'Unsigned', tone: 'neutral' }
    case 'signed':
      return { state: 'no-key', text: `Signed${signedBy(trust)}; not checkable without a key`, tone: 'neutral' }
    case 'verified':
      return { state: 'verified', text: `Signature verified${signedBy(trust)}`, tone: 'good' }
    case 'mismatch':
      return { state: 'mismatch', text: `Signature mismatch${signedBy(trust)}`, tone: 'bad' }
    default:
      return { state: 'error', text: 'Signature block unreadable', tone: 'bad' }
  }
}

/** The override actions that wrote a new run from the tampered one, as the banner words them. */
const FORK_ACTIONS: Record<string, string> = {
  fork: 'forked',
  retry: 'forked (retry with changes)',
  edit: 'forked (edit before continuing)'
}

/** What the file itself says went wrong before: overrides of a failed check, and edited step ids. */
export function trustWarnings(trust: TrustView): TrustLine[] {
  const lines: TrustLine[] = []
  for (const item of trust.integrityOverrides ?? []) {
    const verb = FORK_ACTIONS[item.action] ?? `written (${item.action})`
    lines.push({
      state: 'integrity-override',
      text: `${verb} from a file that failed its integrity check (${item.reason})`,
      tone: 'bad'
    })
  }
  const journal = trust.journalEntries ?? 0
  if (journal > 0) {
    lines.push({
      state: 'journal-extended',
      text: `Includes ${journal} unsaved journal ${journal === 1 ? 'entry' : 'entries'} beside the file: not covered by its digest or signature`,
      tone: 'warn'
    })
  }
  const mismatches = trust.stepIdMismatches ?? 0
  if (mismatches > 0) {
    const steps = mismatches === 1 ? '1 step id does' : `${mismatches} step ids do`
    lines.push({
      state: 'step-id-mismatch',
      text: `${steps} not match the step's content: it was edited after the id was taken`,
      tone: 'warn'
    })
  }
  return lines
}
