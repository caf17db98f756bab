/**
 * Another writer changed the run between load and pause/resume. Nothing was written; the user sees
 * what changed and reloads, cancels, or writes the status onto the disk version (their steps stay).
 */
import { useCalls } from '../api/client'
import { shortId } from '../lib/format'
import { baseName } from '../lib/paths'
import { tineStore, useTine } from '../store/store'
import { ModalFrame } from '../ui/ModalFrame'

const SHOWN = 8

function StepList({ title, ids, testid }: { title: string; ids: string[]; testid: string }) {
  if (ids.length === 0) return null
  return (
    <div className="conflict-steps" data-testid={testid}>
      <span className="muted">
        {title} ({ids.length}):
      </span>{' '}
      {ids.slice(0, SHOWN).map((id) => (
        <code key={id} title={id}>
          {shortId(id)}
        </code>
      ))}
      {ids.length > SHOWN && <span className="muted"> and {ids.length - SHOWN} more</span>}
    </div>
  )
}

export function ConflictDialog() {
  const conflict = useTine((state) => state.conflict)
  const busy = useTine((state) => state.actionBusy === 'status')
  const calls = useCalls()
  if (!conflict) return null
  const { change } = conflict
  const verb = conflict.status === 'paused' ? 'pause' : 'resume'
  return (
    <ModalFrame
      testId="conflict-dialog"
      title={`${baseName(conflict.file)} changed on disk`}
      role="alertdialog"
      describedBy="conflict-summary"
      onClose={() => {
        // A running write keeps its dialog: closing it would hide the answer.
        if (!busy) tineStore.getState().setConflict(null)
      }}
    >
      <p>Something else wrote this run after it was loaded here, so nothing was written. What changed:</p>
      <p className="conflict-summary" id="conflict-summary" data-testid="conflict-summary">
        {change.summary}
      </p>
      <StepList title="Steps added" ids={change.addedSteps} testid="conflict-added" />
      <StepList title="Steps removed" ids={change.removedSteps} testid="conflict-removed" />
      <StepList title="Steps modified" ids={change.modifiedSteps} testid="conflict-modified" />
      {change.statusChange && (
        <div className="conflict-steps">
          <span className="muted">Status:</span> {change.statusChange.from} → {change.statusChange.to}
        </div>
      )}
      <p className="muted small">
        Reload shows the run as it is now. Write anyway sets the status to {conflict.status} on the file as it is on
        disk now: the other writer's changes are kept.
      </p>
      <div className="modal-actions">
        <button
          type="button"
          data-testid="conflict-cancel"
          disabled={busy}
          onClick={() => void calls.resolveConflict('cancel')}
        >
          Cancel
        </button>
        <button
          type="button"
          data-testid="conflict-overwrite"
          disabled={busy}
          onClick={() => void calls.resolveConflict('overwrite')}
          title={`Set the status on the current file (${verb})`}
        >
          {busy ? 'Writing…' : `Write anyway (${verb})`}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="conflict-reload"
          disabled={busy}
          autoFocus
          onClick={() => void calls.resolveConflict('reload')}
        >
          Reload
        </button>
      </div>
    </ModalFrame>
  )
}
