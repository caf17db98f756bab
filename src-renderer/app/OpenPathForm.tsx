/** "Open folder path…": a typed path, for browser mode (a browser cannot hand the app a real path). */
import { useState, type FormEvent } from 'react'
import { useCalls } from '../api/client'

export function OpenPathForm({ autoFocus = false }: { autoFocus?: boolean }) {
  const calls = useCalls()
  const [path, setPath] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const trimmed = path.trim()
    if (!trimmed) return
    setBusy(true)
    const opened = await calls.openPaths([trimmed])
    setBusy(false)
    if (opened) setPath('')
  }
  return (
    <form className="open-path" onSubmit={submit} data-testid="open-path-form">
      <input
        type="text"
        id="open-path-input"
        data-testid="open-path-input"
        placeholder="Open folder path… (e.g. /home/me/project/.tine_runs)"
        aria-label="Folder or .tine file path to open"
        spellCheck={false}
        autoFocus={autoFocus}
        value={path}
        onChange={(event) => setPath(event.target.value)}
      />
      <button type="submit" disabled={busy || !path.trim()}>
        {busy ? 'Opening…' : 'Open'}
      </button>
    </form>
  )
}
