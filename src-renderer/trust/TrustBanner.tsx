/** The line under the run header: integrity, signature, "Verify signature…", and why a run is read-only. */
import { tineStore, useTine } from '../store/store'
import { ReadOnlyNotice } from '../actions/ReadOnlyNotice'
import { integrityOverrideReason } from '../actions/capabilities'
import { integrityLine, trustWarnings } from './trust-text'
import { useSignatureLine } from './use-signature-line'

export function TrustBanner() {
  const run = useTine((state) => state.openRun)
  const removed = useTine((state) => state.runRemoved)
  const { line: signature } = useSignatureLine(run)
  if (!run || !signature) return null
  const { trust } = run
  const integrity = integrityLine(trust)
  const warnings = trustWarnings(trust)
  const bad = integrity.tone === 'bad' || signature.tone === 'bad' || warnings.some((line) => line.tone === 'bad')
  return (
    <div
      className={`trust-banner tone-bg-${bad ? 'bad' : integrity.tone}`}
      data-testid="trust-banner"
      data-integrity={integrity.state}
      data-signature={signature.state}
      role="status"
    >
      <div className="trust-banner-line">
        <span className={`trust-item tone-${integrity.tone}`} data-testid="trust-integrity">
          {integrity.text}
        </span>
        <span className="trust-separator" aria-hidden="true">
          ·
        </span>
        <span className={`trust-item tone-${signature.tone}`} data-testid="trust-signature">
          {signature.text}
        </span>
        {trust.signature !== 'unsigned' && (
          <button
            type="button"
            className="link-button"
            data-testid="verify-signature"
            title="Check the signature with an HMAC key or an Ed25519 public key"
            onClick={() => tineStore.getState().setSignatureDialog(true)}
          >
            Verify signature…
          </button>
        )}
      </div>
      {warnings.map((line) => (
        <div
          key={line.state}
          className={`trust-banner-line trust-item tone-${line.tone}`}
          data-testid="trust-warning"
          data-state={line.state}
        >
          {line.text}
        </div>
      ))}
      {trust.readOnlyReason && (
        <ReadOnlyNotice
          reason={trust.readOnlyReason}
          overridable={integrityOverrideReason(run, removed) !== null}
          compact
        />
      )}
    </div>
  )
}
