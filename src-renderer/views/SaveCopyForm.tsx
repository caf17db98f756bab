/** "Save into folder…" for a dropped copy: pick an opened folder (or type one); never overwrites. */
import { useState } from 'react'
import { DROPPED_COPY_REASON } from '../../src-shared/api/dropped-copy'
import type { RunView } from '../../src-shared/api/types'
import { useCalls } from '../api/client'
import { tineStore, useTine } from '../store/store'
import { saveDroppedCopy } from './dropped-files'

export function SaveCopyForm({ run }: { run: RunView }) {
  const calls = useCalls()
  const folders = useTine((state) => state.folders)
  const [open, setOpen] = useState(false)
  const [typed, setTyped] = useState('')
  const choices = folders.filter((folder) => !folder.singleFile).map((folder) => folder.folder)
  const [chosen, setChosen] = useState('')
  if (run.trust.readOnlyReason !== DROPPED_COPY_REASON) return null
  if (!open) {
    return (
      <button type="button" data-testid="save-copy" onClick={() => setOpen(true)}>
        Save into folder…
      </button>
    )
  }
  const target = typed.trim() || chosen || choices[0] || ''
  return (
    <form
      className="save-copy-form"
      onSubmit={(event) => {
        event.preventDefault()
        if (!target) return
        void saveDroppedCopy(run.file, target, calls, tineStore).then((saved) => {
          if (saved) setOpen(false)
        })
      }}
    >
      {choices.length > 0 && (
        <select
          value={chosen || choices[0]}
          onChange={(event) => setChosen(event.target.value)}
          aria-label="Opened folder"
        >
          {choices.map((folder) => (
            <option key={folder} value={folder}>
              {folder}
            </option>
          ))}
        </select>
      )}
      <input
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        placeholder={choices.length ? 'or another folder path' : 'folder path'}
        aria-label="Folder path"
      />
      <button type="submit" disabled={!target} data-testid="save-copy-confirm">
        Save
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  )
}
