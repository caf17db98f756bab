/**
 * The action buttons of the step and run inspectors. Write buttons are absent on a read-only run;
 * on a run that failed its integrity check they open the dialog that asks for the confirmation.
 */
import { useCalls } from '../api/client'
import { tineStore, useTine } from '../store/store'
import {
  continueBlockReason,
  integrityOverrideReason,
  MISSING_STEP_REASON,
  retryBlockReason,
  SHORTCUTS,
  statusActionOf,
  unavailableTitle,
  writeBlockReason,
  writesOffered
} from './capabilities'
import { runStepAction } from './step-action'
import { defaultComparePair } from '../diff/compare-target'

export function StepActionBar({ stepId }: { stepId: string }) {
  const run = useTine((state) => state.openRun)
  const removed = useTine((state) => state.runRemoved)
  if (!run) return null
  const writable = writesOffered(run, removed)
  const step = run.steps.find((candidate) => candidate.id === stepId)
  const retryBlocked = retryBlockReason(step)
  const state = tineStore.getState()
  return (
    <div className="action-bar" data-testid="step-actions-bar">
      {writable && (
        <>
          <button
            type="button"
            data-testid="step-retry"
            disabled={retryBlocked !== null}
            title={
              retryBlocked
                ? unavailableTitle('Retry this step', retryBlocked)
                : `Fork before this step and redo it (${SHORTCUTS.retry})`
            }
            onClick={() => state.openForkDialog(stepId, 'before')}
          >
            Retry this step <kbd>{SHORTCUTS.retry}</kbd>
          </button>
          <button
            type="button"
            data-testid="step-branch"
            disabled={!step}
            title={
              step
                ? `Fork after this step, keeping it (${SHORTCUTS.branch})`
                : unavailableTitle('Branch after', MISSING_STEP_REASON)
            }
            onClick={() => state.openForkDialog(stepId, 'after')}
          >
            Branch after <kbd>{SHORTCUTS.branch}</kbd>
          </button>
        </>
      )}
      <button
        type="button"
        data-testid="step-actions"
        title="All actions for this step"
        aria-haspopup="menu"
        onClick={(event) => {
          const box = event.currentTarget.getBoundingClientRect()
          tineStore.getState().openStepMenu({ stepId, x: box.left, y: box.bottom + 4 })
        }}
      >
        Actions…
      </button>
    </div>
  )
}

export function RunActionBar() {
  const run = useTine((state) => state.openRun)
  const removed = useTine((state) => state.runRemoved)
  const folders = useTine((state) => state.folders)
  const busy = useTine((state) => state.actionBusy === 'status' || state.agentBusy === 'control')
  const agent = useTine((state) => (state.openFile ? (state.agentRuns[state.openFile] ?? null) : null))
  const calls = useCalls()
  if (!run) return null
  const overrideReason = integrityOverrideReason(run, removed)
  const blocked = overrideReason ? null : writeBlockReason(run, removed)
  const status = statusActionOf(run, agent)
  const canContinue = blocked === null && continueBlockReason(run, agent) === null
  const pair = defaultComparePair(run, folders)
  return (
    <>
      <div className="action-bar" data-testid="run-actions-bar">
        {blocked === null && status === 'pause' && (
          <button
            type="button"
            data-testid="run-pause"
            disabled={busy}
            title={
              busy
                ? unavailableTitle('Pause', 'the status is being written')
                : `Stop the run at its next step boundary (${SHORTCUTS.pauseResume})`
            }
            onClick={() => runStepAction(tineStore.getState(), 'pause', null)}
          >
            {busy ? 'Writing…' : 'Pause'} <kbd>{SHORTCUTS.pauseResume}</kbd>
          </button>
        )}
        {blocked === null && status === 'resume' && (
          <button
            type="button"
            data-testid="run-resume"
            disabled={busy}
            title={
              busy
                ? unavailableTitle('Resume', 'the run is starting')
                : `Continue the run through its agent (${SHORTCUTS.pauseResume})`
            }
            onClick={() => runStepAction(tineStore.getState(), 'resume', null)}
          >
            {busy ? 'Starting…' : 'Resume'} <kbd>{SHORTCUTS.pauseResume}</kbd>
          </button>
        )}
        {canContinue && (
          <button
            type="button"
            data-testid="run-continue"
            title="Continue from the tip with an agent you choose, optionally with a new prompt"
            onClick={() => tineStore.getState().openContinueDialog(run.file)}
          >
            Continue this run…
          </button>
        )}
        <button
          type="button"
          data-testid="run-compare"
          title={
            pair
              ? `Compare ${pair.fileA === run.file ? 'with its newest fork' : 'with its origin'} (${SHORTCUTS.compare})`
              : `Choose a run to compare with (${SHORTCUTS.compare})`
          }
          onClick={() => calls.compareOpenRun()}
        >
          {pair ? (pair.fileA === run.file ? 'Compare with fork' : 'Compare with origin') : 'Compare with…'}{' '}
          <kbd>{SHORTCUTS.compare}</kbd>
        </button>
        {pair && (
          <button
            type="button"
            data-testid="run-compare-choose"
            title="Choose another run to compare with"
            onClick={() => tineStore.getState().setCompareDialog(true)}
          >
            Compare with…
          </button>
        )}
      </div>
      {blocked !== null && (
        <p className="muted small" data-testid="run-read-only" title={blocked}>
          Read-only: {blocked}.
        </p>
      )}
      {overrideReason !== null && (
        <p className="error-text small" data-testid="run-integrity-failed">
          Integrity check failed ({overrideReason}): each write asks you to confirm, and the written run records it.
        </p>
      )}
    </>
  )
}
