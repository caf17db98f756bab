/** Pausing a run that failed its integrity check: re-saving it asks first, and the file then records the override. */
import { useState } from 'react'
import { useCalls } from '../api/client'
import { baseName } from '../lib/paths'
import { tineStore, useTine } from '../store/store'
import { ModalFrame } from '../ui/ModalFrame'
import { integrityOverrideReason } from './capabilities'
import { IntegrityOverrideField } from './IntegrityOverrideField'

export function IntegrityConfirmDialog() {
  const confirm = useTine((state) => state.integrityConfirm)
  const run = useTine((state) => state.openRun)
  const removed = useTine((state) => state.runRemoved)
  const busy = useTine((state) => state.actionBusy === 'status')
  const calls = useCalls()
  const [checked, setChecked] = useState(false)
  const [openedFor, setOpenedFor] = useState(confirm)
  if (confirm !== openedFor) {
    setOpenedFor(confirm)
    setChecked(false)
  }
  const reason = integrityOverrideReason(run, removed)
  if (!confirm || !run || run.file !== confirm.file || !reason) return null
  const close = () => {
    if (!busy) tineStore.getState().setIntegrityConfirm(null)
  }
  const submit = () => {
    if (busy || !checked) return
    void calls.setRunStatus(confirm.status, { overrideIntegrity: true }).then(() => {
      tineStore.getState().setIntegrityConfirm(null)
    })
  }
  return (
    <ModalFrame
      testId="integrity-confirm-dialog"
      title="Pause a file that failed its check?"
      onSubmit={submit}
      onClose={close}
    >
      <p className="muted small">Pausing re-saves {baseName(run.file)} in place with a new digest.</p>
      <IntegrityOverrideField reason={reason} action="pause it" checked={checked} onChange={setChecked} />
      <div className="modal-actions">
        <button type="button" onClick={close} disabled={busy} data-testid="integrity-confirm-cancel">
          Cancel
        </button>
        <button type="submit" className="primary" data-testid="integrity-confirm-submit" disabled={busy || !checked}>
          {busy ? 'Writing…' : 'Pause anyway'}
        </button>
      </div>
    </ModalFrame>
  )
}
