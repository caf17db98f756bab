/** The question before opening a folder that holds other users' or the system's folders. */
import { useState } from 'react'
import { visibleText } from '../../src-shared/api/visible-text'
import { useCalls } from '../api/client'
import { tineStore, useTine } from '../store/store'
import { ModalFrame } from '../ui/ModalFrame'

export function BroadFolderDialog() {
  const request = useTine((state) => state.broadOpen)
  const calls = useCalls()
  const [busy, setBusy] = useState(false)
  if (!request) return null
  const close = () => {
    if (!busy) tineStore.getState().setBroadOpen(null)
  }
  const openAnyway = async () => {
    setBusy(true)
    tineStore.getState().setBroadOpen(null)
    await calls.openPaths(request.paths, { confirmBroad: true })
    setBusy(false)
  }
  return (
    <ModalFrame testId="broad-folder-dialog" title="Open this folder?" role="alertdialog" onClose={close}>
      <p data-testid="broad-folder-reason">{visibleText(request.reason)}.</p>
      <p className="muted small">
        Listing reads every <code>.tine</code> file up to two folders deep and watches each folder for changes. Open the
        folder that holds your runs instead, unless you mean this one.
      </p>
      <div className="modal-actions">
        <button type="button" onClick={close} autoFocus data-testid="broad-folder-cancel">
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void openAnyway()}
          data-testid="broad-folder-open"
        >
          Open anyway
        </button>
      </div>
    </ModalFrame>
  )
}
