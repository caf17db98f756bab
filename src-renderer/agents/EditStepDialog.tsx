/**
 * Edit before continuing…: change a recorded tool result, a model output, or a step's input. The
 * edit is written as a new step on a new fork (this run stays as it is); the fork opens with
 * "Continue this run…" ready.
 */
import { useEffect, useState } from 'react'
import type { EditTarget } from '../../src-shared/api/agent-types'
import { useAgentCalls, useCalls } from '../api/client'
import { shortId } from '../lib/format'
import { tineStore, useTine } from '../store/store'
import { DialogActions } from '../ui/DialogActions'
import { ModalFrame } from '../ui/ModalFrame'
import { integrityOverrideReason } from '../actions/capabilities'
import { IntegrityOverrideField } from '../actions/IntegrityOverrideField'
import { recordedPrompt, recordedToolArguments, toolArgumentsProblem } from './RetryWithChangesDialog'

interface TargetChoice {
  target: EditTarget
  label: string
  /** The value as recorded, as the editor shows it. */
  recorded: string
  json: boolean
}

function field(value: unknown, key: string): unknown {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined
}

/** What can be edited on a step of this kind, prefilled with what was recorded. */
export function editChoices(kind: string, inputs: unknown, outputs: unknown): TargetChoice[] {
  if (kind === 'tool') {
    const result = field(outputs, 'result')
    return [
      { target: 'tool-result', label: 'Tool result', recorded: JSON.stringify(result ?? null, null, 2), json: true },
      {
        target: 'input',
        label: 'Tool arguments (the edited call runs for real)',
        recorded: recordedToolArguments(inputs),
        json: true
      }
    ]
  }
  if (kind === 'think' || kind === 'model' || kind === 'done') {
    const text = field(outputs, 'text')
    return [
      { target: 'model-output', label: 'Model output', recorded: typeof text === 'string' ? text : '', json: false },
      { target: 'input', label: 'Input (the prompt this step answered)', recorded: recordedPrompt(inputs), json: false }
    ]
  }
  return []
}

/** Why the typed value cannot be sent, or null. */
export function editProblem(choice: TargetChoice, value: string): string | null {
  if (value === choice.recorded) return 'Nothing is changed yet.'
  if (!choice.json) return value.trim() === '' && choice.target === 'input' ? 'The prompt is empty.' : null
  if (choice.target === 'input') return toolArgumentsProblem(value)
  try {
    JSON.parse(value)
    return null
  } catch (error) {
    return `not valid JSON (write text in double quotes): ${error instanceof Error ? error.message : String(error)}`
  }
}

function EditForm({ stepId }: { stepId: string }) {
  const run = useTine((state) => state.openRun)
  const detail = useTine((state) => state.stepDetails[stepId])
  const busy = useTine((state) => state.agentBusy === 'edit')
  const error = useTine((state) => state.agentError)
  const overrideReason = useTine((state) => integrityOverrideReason(state.openRun, state.runRemoved))
  const [overridden, setOverridden] = useState(false)
  const unconfirmed = overrideReason !== null && !overridden
  const override = overrideReason ? ({ overrideIntegrity: true } as const) : {}
  const calls = useCalls()
  const agentCalls = useAgentCalls()
  const [target, setTarget] = useState<EditTarget | null>(null)
  const [typed, setTyped] = useState<Partial<Record<EditTarget, string>>>({})

  useEffect(() => {
    void calls.loadStepDetail(stepId)
  }, [stepId, calls])

  const step = run?.steps.find((candidate) => candidate.id === stepId)
  const choices = detail ? editChoices(detail.kind, detail.inputs, detail.outputs) : []
  const choice = choices.find((candidate) => candidate.target === target) ?? choices[0]
  const value = choice ? (typed[choice.target] ?? choice.recorded) : ''
  const problem = choice ? editProblem(choice, value) : null
  const submit = () => {
    if (unconfirmed || !choice || busy || problem) return
    void agentCalls.editStep(stepId, choice.target, value, override)
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      <p>
        <strong>{step ? `${step.kind || 'step'} #${step.index}` : 'step'}</strong>{' '}
        <code title={stepId}>{shortId(stepId)}</code>
      </p>
      <p className="muted small">
        The edit is written as a new step on a new fork, marked as an edit of this one; this run stays unchanged. Then
        you continue the fork from there.
      </p>
      {!detail && <p className="muted">Loading the step…</p>}
      {detail && choices.length === 0 && (
        <p className="error-text" data-testid="edit-none">
          A {detail.kind || 'kindless'} step has nothing to edit.
        </p>
      )}
      {choices.length > 1 && (
        <fieldset className="edit-targets" data-testid="edit-targets">
          <legend>What to edit</legend>
          {choices.map((candidate) => (
            <label key={candidate.target}>
              <input
                type="radio"
                name="edit-target"
                data-testid={`edit-target-${candidate.target}`}
                checked={candidate === choice}
                onChange={() => setTarget(candidate.target)}
              />{' '}
              {candidate.label}
            </label>
          ))}
        </fieldset>
      )}
      {choice && (
        <label className="field">
          <span>{choice.label}</span>
          <textarea
            data-testid="edit-value"
            rows={8}
            spellCheck={!choice.json}
            autoFocus
            value={value}
            aria-invalid={problem && value !== choice.recorded ? true : undefined}
            onChange={(event) => setTyped((current) => ({ ...current, [choice.target]: event.target.value }))}
          />
          {problem && (
            <span className={value === choice.recorded ? 'muted small' : 'error-text small'} data-testid="edit-problem">
              {problem}
            </span>
          )}
        </label>
      )}
      {overrideReason && (
        <IntegrityOverrideField
          reason={overrideReason}
          action="fork it with this edit"
          checked={overridden}
          onChange={setOverridden}
        />
      )}
      <DialogActions
        name="edit"
        submitTestId="edit-confirm"
        error={error}
        errorPrefix="Could not edit"
        busy={busy}
        disabled={!choice || problem !== null || unconfirmed}
        label="Fork with this edit"
        busyLabel="Writing…"
        onCancel={() => tineStore.getState().closeEditDialog()}
      />
    </form>
  )
}

export function EditStepDialog() {
  const dialog = useTine((state) => state.editDialog)
  const busy = useTine((state) => state.agentBusy === 'edit')
  if (!dialog) return null
  return (
    <ModalFrame
      testId="edit-dialog"
      title="Edit before continuing"
      onClose={() => {
        if (!busy) tineStore.getState().closeEditDialog()
      }}
    >
      <EditForm key={dialog.stepId} stepId={dialog.stepId} />
    </ModalFrame>
  )
}
