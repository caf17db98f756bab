/**
 * API keys typed in the app, stored encrypted by the main side (only offered when it can: Electron
 * safeStorage). Write-only: no channel reads a key back, so the form never shows one.
 */
import { useState } from 'react'
import { tineStore, useTine } from '../store/store'
import type { SecretName } from './agent-calls'
import { ModalFrame } from '../ui/ModalFrame'
import { useAgentCalls } from '../api/client'

const SECRETS: { name: SecretName; label: string; secret: boolean }[] = [
  { name: 'ANTHROPIC_API_KEY', label: 'Anthropic API key', secret: true },
  { name: 'OPENAI_API_KEY', label: 'OpenAI API key', secret: true },
  { name: 'OPENAI_COMPATIBLE_API_KEY', label: 'OpenAI-compatible API key', secret: true },
  { name: 'OPENAI_COMPATIBLE_BASE_URL', label: 'OpenAI-compatible base URL', secret: false }
]

export function SecretsForm() {
  const open = useTine((state) => state.secretsDialog)
  const catalog = useTine((state) => state.agentCatalog)
  const busy = useTine((state) => state.agentBusy === 'secret')
  const error = useTine((state) => state.agentError)
  const agentCalls = useAgentCalls()
  const [name, setName] = useState<SecretName>('ANTHROPIC_API_KEY')
  const [value, setValue] = useState('')
  const [saved, setSaved] = useState<SecretName | null>(null)
  if (!open || !catalog?.canStoreSecrets) return null
  const chosen = SECRETS.find((secret) => secret.name === name) ?? SECRETS[0]
  const close = () => {
    if (busy) return
    setValue('')
    setSaved(null)
    tineStore.getState().setSecretsDialog(false)
  }
  return (
    <ModalFrame testId="secrets-dialog" title="API keys" onClose={close}>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (busy || value.trim() === '') return
          void agentCalls.setSecret(name, value.trim()).then((done) => {
            if (!done) return
            setValue('')
            setSaved(name)
          })
        }}
      >
        <p className="muted small">
          Stored encrypted on this machine. The app never shows a key again; set it anew to change it.
        </p>
        <label className="field">
          <span>Key</span>
          <select
            data-testid="secret-name"
            value={name}
            onChange={(event) => setName(event.target.value as SecretName)}
          >
            {SECRETS.map((secret) => (
              <option key={secret.name} value={secret.name}>
                {secret.label}
                {catalog.secretsSet.includes(secret.name) ? ' (set)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{chosen.label}</span>
          <input
            type={chosen.secret ? 'password' : 'url'}
            autoComplete="off"
            spellCheck={false}
            data-testid="secret-value"
            value={value}
            maxLength={4096}
            onChange={(event) => setValue(event.target.value)}
          />
        </label>
        {saved && (
          <p className="small" role="status" data-testid="secret-saved">
            Saved {SECRETS.find((secret) => secret.name === saved)?.label}.
          </p>
        )}
        {error && (
          <p className="error-text" role="alert" data-testid="secret-error">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" onClick={close} disabled={busy}>
            Close
          </button>
          <button type="submit" className="primary" data-testid="secret-save" disabled={busy || value.trim() === ''}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </ModalFrame>
  )
}
