/** Retry this step / Branch after this step: optional branch name and reason, then the fork is written. */
import { useState } from 'react'
import { useCalls } from '../api/client'
import { shortId } from '../lib/format'
import { baseName } from '../lib/paths'
import { tineStore, useTine } from '../store/store'
import { ModalFrame } from '../ui/ModalFrame'
import { integrityOverrideReason } from './capabilities'
import { IntegrityOverrideField } from './IntegrityOverrideField'

/** The contract's rule for a branch name, checked here too so the user sees it before sending. */
export function branchNameProblem(branch: string): string | null {
  const trimmed = branch.trim()
  if (trimmed === '') return null
  if (/\s/.test(trimmed)) return 'A branch name cannot contain spaces.'
  if (trimmed.length > 200) return 'A branch name has at most 200 characters.'
  return null
}

export function ForkDialog() {
  const dialog = useTine((state) => state.forkDialog)
  const run = useTine((state) => state.openRun)
  const busy = useTine((state) => state.actionBusy === 'fork')
  const error = useTine((state) => state.forkError)
  const overrideReason = useTine((state) => integrityOverrideReason(state.openRun, state.runRemoved))
  const calls = useCalls()
  const [branch, setBranch] = useState('')
  const [reason, setReason] = useState('')
  const [overridden, setOverridden] = useState(false)
  const [openedFor, setOpenedFor] = useState(dialog)

  // A new dialog starts with empty fields.
  if (dialog !== openedFor) {
    setOpenedFor(dialog)
    setBranch('')
    setReason('')
    setOverridden(false)
  }

  if (!dialog || !run) return null
  const step = run.steps.find((candidate) => candidate.id === dialog.stepId)
  const parent = step?.parentIds[step.parentIds.length - 1]
  const retry = dialog.mode === 'before'
  const problem = branchNameProblem(branch)
  const unconfirmed = overrideReason !== null && !overridden
  const close = () => {
    if (!busy) tineStore.getState().closeForkDialog()
  }
  const submit = () => {
    if (busy || problem || unconfirmed) return
    void calls.forkStep({
      stepId: dialog.stepId,
      mode: dialog.mode,
      branch,
      reason,
      ...(overrideReason ? { overrideIntegrity: true } : {})
    })
  }

  return (
    <ModalFrame
      testId="fork-dialog"
      title={retry ? 'Retry this step' : 'Branch after this step'}
      data={{ 'data-mode': dialog.mode }}
      onSubmit={submit}
      onClose={close}
    >
      <p>
        {step ? (
          <>
            <strong>
              {step.kind || 'step'} #{step.index}
            </strong>{' '}
            <code title={step.id}>{shortId(step.id)}</code> {step.label && <span className="muted">{step.label}</span>}
          </>
        ) : (
          <code>{shortId(dialog.stepId)}</code>
        )}
      </p>
      <p className="muted small">
        {retry
          ? `The new run keeps everything up to ${parent ? shortId(parent) : 'its parent'}, the step's parent; this step is the one to redo.`
          : 'The new run keeps this step and everything before it; the next step is yours to add.'}{' '}
        It is written as a new file beside {baseName(run.file)}, which stays unchanged.
      </p>
      <label className="field">
        <span>Branch name (optional)</span>
        <input
          type="text"
          data-testid="fork-branch"
          placeholder="main"
          value={branch}
          autoFocus
          maxLength={200}
          onChange={(event) => setBranch(event.target.value)}
          aria-invalid={problem ? true : undefined}
        />
      </label>
      {problem && <p className="error-text small">{problem}</p>}
      <label className="field">
        <span>Reason (optional, recorded as the fork intent)</span>
        <textarea
          data-testid="fork-reason"
          rows={3}
          maxLength={4000}
          value={reason}
          placeholder={retry ? 'e.g. the search returned stale results' : 'e.g. try a different tool'}
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault()
              submit()
            }
          }}
        />
      </label>
      {overrideReason && (
        <IntegrityOverrideField
          reason={overrideReason}
          action={retry ? 'retry from it' : 'branch from it'}
          checked={overridden}
          onChange={setOverridden}
        />
      )}
      {error && (
        <p className="error-text" data-testid="fork-error" role="alert">
          Could not fork: {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" onClick={close} disabled={busy} data-testid="fork-cancel">
          Cancel
        </button>
        <button
          type="submit"
          className="primary"
          data-testid="fork-confirm"
          disabled={busy || problem !== null || unconfirmed}
        >
          {busy ? 'Writing…' : retry ? 'Retry' : 'Branch'}
        </button>
      </div>
    </ModalFrame>
  )
}
