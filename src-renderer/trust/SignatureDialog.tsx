/** "Verify signature…": an HMAC key or an Ed25519 public key, checked by the main side. Keys are never stored. */
import { useState } from 'react'
import type { SignatureKeys } from '../actions/run-actions'
import { useCalls } from '../api/client'
import { tineStore, useTine } from '../store/store'
import { ModalFrame } from '../ui/ModalFrame'
import { signatureLine } from './trust-text'

type KeyKind = 'hmac' | 'ed25519' | 'embedded'
type HmacKeyFormat = NonNullable<SignatureKeys['hmacKeyFormat']>

const KEY_KINDS: { kind: KeyKind; label: string; title?: string }[] = [
  { kind: 'hmac', label: 'HMAC key' },
  { kind: 'ed25519', label: 'Ed25519 public key' },
  {
    kind: 'embedded',
    label: 'Key embedded in the file',
    title:
      'Checks the signature against the public key stored in the file itself: it proves the content is unchanged since signing, not who signed it'
  }
]

const HMAC_FORMATS: { format: HmacKeyFormat; label: string }[] = [
  { format: 'text', label: 'Text: the characters as typed (UTF-8), as opentine key files hold them' },
  { format: 'hex', label: 'Hex: the key bytes as 0-9 and a-f, two per byte' },
  { format: 'base64', label: 'Base64: the key bytes in base64 (or base64url)' }
]

function ed25519KeyProblem(hex: string): string | null {
  const trimmed = hex.trim()
  if (trimmed === '') return 'Paste the signer’s public key.'
  return /^[0-9a-fA-F]{64}$/.test(trimmed) ? null : 'An Ed25519 public key is 64 hex characters.'
}

interface KeyFields {
  hmacKey: string
  hmacKeyFormat: HmacKeyFormat
  publicKey: string
}

/** What the dialog sends for the chosen kind of key, or why it cannot send it yet. */
function signatureKeysOf(kind: KeyKind, fields: KeyFields): { keys: SignatureKeys } | { problem: string } {
  switch (kind) {
    case 'hmac':
      return fields.hmacKey === ''
        ? { problem: 'Type the shared HMAC key.' }
        : { keys: { hmacKey: fields.hmacKey, hmacKeyFormat: fields.hmacKeyFormat } }
    case 'ed25519': {
      const problem = ed25519KeyProblem(fields.publicKey)
      return problem ? { problem } : { keys: { ed25519PublicKeyHex: fields.publicKey.trim() } }
    }
    case 'embedded':
      return { keys: { trustEmbeddedKey: true } }
  }
}

const EMPTY_FIELDS: KeyFields = { hmacKey: '', hmacKeyFormat: 'text', publicKey: '' }

/** A pasted key: never spell-checked or remembered; a secret one is masked. */
function KeyField(props: {
  label: string
  testId: string
  secret?: boolean
  value: string
  onChange(value: string): void
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type={props.secret ? 'password' : 'text'}
        spellCheck={false}
        autoComplete="off"
        data-testid={props.testId}
        value={props.value}
        autoFocus
        onChange={(event) => props.onChange(event.target.value)}
      />
    </label>
  )
}

export function SignatureDialog() {
  const open = useTine((state) => state.signatureDialog)
  const run = useTine((state) => state.openRun)
  const busy = useTine((state) => state.actionBusy === 'signature')
  const error = useTine((state) => state.signatureError)
  const check = useTine((state) => state.signatureCheck)
  const calls = useCalls()
  const [kind, setKind] = useState<KeyKind>('hmac')
  const [fields, setFields] = useState<KeyFields>(EMPTY_FIELDS)
  if (!open || !run) return null
  const algorithm = run.trust.signatureAlgorithm
  const choice = signatureKeysOf(kind, fields)
  const problem = 'problem' in choice ? choice.problem : null
  const result = check && check.file === run.file ? check.result : null
  const edit = (change: Partial<KeyFields>) => setFields((current) => ({ ...current, ...change }))
  const close = () => {
    // The key leaves memory with the dialog.
    setFields(EMPTY_FIELDS)
    tineStore.getState().setSignatureDialog(false)
  }
  const submit = async () => {
    if (busy || !('keys' in choice)) return
    await calls.verifySignature(choice.keys)
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
      <p className="muted small" data-testid="signature-formats">
        It takes a shared HMAC key, written as text, hex or base64; an Ed25519 public key as 64 hex characters; or the
        public key embedded in the file.
      </p>
      <fieldset className="key-kinds">
        {KEY_KINDS.map((option) => (
          <label key={option.kind} title={option.title}>
            <input
              type="radio"
              name="key-kind"
              checked={kind === option.kind}
              onChange={() => setKind(option.kind)}
              data-testid={`signature-kind-${option.kind}`}
            />{' '}
            {option.label}
          </label>
        ))}
      </fieldset>
      {kind === 'hmac' && (
        <>
          <KeyField
            label="HMAC key"
            testId="signature-hmac"
            secret
            value={fields.hmacKey}
            onChange={(hmacKey) => edit({ hmacKey })}
          />
          <label className="field">
            <span>Written as</span>
            <select
              data-testid="signature-hmac-format"
              value={fields.hmacKeyFormat}
              onChange={(event) => edit({ hmacKeyFormat: event.target.value as HmacKeyFormat })}
            >
              {HMAC_FORMATS.map(({ format, label }) => (
                <option key={format} value={format}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      {kind === 'ed25519' && (
        <KeyField
          label="Ed25519 public key (64 hex characters)"
          testId="signature-ed25519"
          value={fields.publicKey}
          onChange={(publicKey) => edit({ publicKey })}
        />
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
