/** "Verify signature…": an HMAC key or an Ed25519 public key, checked by the main side. Keys are never stored. */
import { useState } from 'react'
import { useCalls } from '../api/client'
import { tineStore, useTine } from '../store/store'
import { ModalFrame } from '../ui/ModalFrame'
import { signatureLine } from './trust-text'

type KeyKind = 'hmac' | 'ed25519' | 'embedded'

export function ed25519KeyProblem(hex: string): string | null {
  const trimmed = hex.trim()
  if (trimmed === '') return 'Paste the signer’s public key.'
  return /^[0-9a-fA-F]{64}$/.test(trimmed) ? null : 'An Ed25519 public key is 64 hex characters.'
}

export function SignatureDialog() {
  const open = useTine((state) => state.signatureDialog)
  const run = useTine((state) => state.openRun)
  const busy = useTine((state) => state.actionBusy === 'signature')
  const error = useTine((state) => state.signatureError)
  const check = useTine((state) => state.signatureCheck)
  const calls = useCalls()
  const [kind, setKind] = useState<KeyKind>('hmac')
  const [hmacKey, setHmacKey] = useState('')
  const [publicKey, setPublicKey] = useState('')
  if (!open || !run) return null
  const algorithm = run.trust.signatureAlgorithm
  const problem =
    kind === 'hmac'
      ? hmacKey === ''
        ? 'Type the shared HMAC key.'
        : null
      : kind === 'ed25519'
        ? ed25519KeyProblem(publicKey)
        : null
  const result = check && check.file === run.file ? check.result : null
  const close = () => {
    // The key leaves memory with the dialog.
    setHmacKey('')
    setPublicKey('')
    tineStore.getState().setSignatureDialog(false)
  }
  const submit = async () => {
    if (busy || problem) return
    await calls.verifySignature(
      kind === 'hmac'
        ? { hmacKey }
        : kind === 'ed25519'
          ? { ed25519PublicKeyHex: publicKey.trim() }
          : { trustEmbeddedKey: true }
    )
  }
  const line = result ? signatureLine(run.trust, result) : null
  return (
    <ModalFrame testId="signature-dialog" title="Verify signature" onSubmit={() => void submit()} onClose={close}>
      <p className="muted small">
        The file is signed{algorithm ? ` with ${algorithm}` : ''}
        {run.trust.signatureKeyId ? `, key ${run.trust.signatureKeyId}` : ''}
        {run.trust.signatureSigner ? `, by ${run.trust.signatureSigner}` : ''}. The key is sent to the local app only
        for this check and is not kept.
      </p>
      <fieldset className="key-kinds">
        <label>
          <input
            type="radio"
            name="key-kind"
            checked={kind === 'hmac'}
            onChange={() => setKind('hmac')}
            data-testid="signature-kind-hmac"
          />{' '}
          HMAC key
        </label>
        <label>
          <input
            type="radio"
            name="key-kind"
            checked={kind === 'ed25519'}
            onChange={() => setKind('ed25519')}
            data-testid="signature-kind-ed25519"
          />{' '}
          Ed25519 public key
        </label>
        <label title="Checks the signature against the public key stored in the file itself: it proves the content is unchanged since signing, not who signed it">
          <input
            type="radio"
            name="key-kind"
            checked={kind === 'embedded'}
            onChange={() => setKind('embedded')}
            data-testid="signature-kind-embedded"
          />{' '}
          Key embedded in the file
        </label>
      </fieldset>
      {kind === 'hmac' && (
        <label className="field">
          <span>HMAC key</span>
          <input
            type="password"
            autoComplete="off"
            data-testid="signature-hmac"
            value={hmacKey}
            autoFocus
            onChange={(event) => setHmacKey(event.target.value)}
          />
        </label>
      )}
      {kind === 'ed25519' && (
        <label className="field">
          <span>Ed25519 public key (64 hex characters)</span>
          <input
            type="text"
            spellCheck={false}
            autoComplete="off"
            data-testid="signature-ed25519"
            value={publicKey}
            autoFocus
            onChange={(event) => setPublicKey(event.target.value)}
          />
        </label>
      )}
      {line && (
        <p
          className={`signature-result tone-${line.tone}`}
          data-testid="signature-result"
          data-state={line.state}
          role="status"
        >
          {line.text}
        </p>
      )}
      {error && (
        <p className="error-text" role="alert" data-testid="signature-error">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" onClick={close} data-testid="signature-close">
          Close
        </button>
        <button
          type="submit"
          className="primary"
          data-testid="signature-check"
          disabled={busy || problem !== null}
          title={problem ?? undefined}
        >
          {busy ? 'Checking…' : 'Verify'}
        </button>
      </div>
    </ModalFrame>
  )
}
