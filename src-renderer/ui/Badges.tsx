/** Status dot and trust badges, shared by the list and the run inspector. */
import type { IntegrityState, SignatureBadge } from '../../src-shared/api/types'

const INTEGRITY_TEXT: Record<IntegrityState, { text: string; title: string; tone: string }> = {
  ok: { text: 'digest ok', title: 'The integrity digest matches the content', tone: 'good' },
  mismatch: {
    text: 'tampered',
    title: 'The integrity digest does not match: the file was changed after it was written',
    tone: 'bad'
  },
  missing: { text: 'no digest', title: 'The file carries no integrity digest', tone: 'warn' },
  unsupported: { text: 'unsupported', title: 'The digest uses a scheme this version cannot check', tone: 'warn' },
  legacy: { text: 'legacy', title: 'A pre-versioned file, imported without a digest', tone: 'neutral' },
  checking: {
    text: 'checking…',
    title: 'Listed from a quick read; the integrity check is still running',
    tone: 'neutral'
  }
}

const SIGNATURE_TEXT: Record<SignatureBadge, { text: string; title: string; tone: string } | null> = {
  unsigned: null,
  signed: { text: 'signed', title: 'Signed; no key at hand to verify it', tone: 'neutral' },
  verified: { text: 'verified', title: 'The signature verifies', tone: 'good' },
  mismatch: { text: 'bad signature', title: 'The signature does not match the content', tone: 'bad' },
  error: { text: 'signature error', title: 'The signature block could not be read', tone: 'bad' }
}

export function StatusDot({ status }: { status: string }) {
  return (
    <span
      className={`status-dot status-${/^[a-z]+$/.test(status) ? status : 'other'}`}
      title={status}
      aria-label={`status ${status}`}
    />
  )
}

export function IntegrityBadge({ state }: { state: IntegrityState }) {
  const info = INTEGRITY_TEXT[state] ?? { text: state, title: state, tone: 'neutral' }
  if (state === 'ok')
    return (
      <span className="badge tone-good" title={info.title}>
        ✓
      </span>
    )
  return (
    <span className={`badge tone-${info.tone}`} title={info.title} data-testid="integrity-badge">
      {info.text}
    </span>
  )
}

export function SignatureBadgeView({ state }: { state: SignatureBadge }) {
  const info = SIGNATURE_TEXT[state]
  if (!info) return null
  return (
    <span className={`badge tone-${info.tone}`} title={info.title} data-testid="signature-badge">
      {info.text}
    </span>
  )
}

export function integrityLabel(state: IntegrityState): string {
  return INTEGRITY_TEXT[state]?.title ?? state
}
