/**
 * Retry this step with changes…: fork before the step, edit its prompt, system prompt, model or
 * (for a tool step) the call's arguments, and run the agent from there. The earlier steps are served from the record.
 */
import { useEffect, useState } from 'react'
import type { AgentCatalog } from '../../src-shared/api/agent-types'
import { useAgentCalls, useCalls } from '../api/client'
import { shortId } from '../lib/format'
import { tineStore, useTine } from '../store/store'
import type { RetryChanges } from './agent-calls'
import { DialogActions } from '../ui/DialogActions'
import { ModalFrame } from '../ui/ModalFrame'
import { integrityOverrideReason } from '../actions/capabilities'
import { IntegrityOverrideField } from '../actions/IntegrityOverrideField'

/** The prompt a recorded step saw: a model step keeps the latest text of its request in inputs.text. */
export function recordedPrompt(inputs: unknown): string {
  if (!inputs || typeof inputs !== 'object' || Array.isArray(inputs)) return ''
  const text = (inputs as Record<string, unknown>).text
  return typeof text === 'string' ? text : ''
}

/** A tool step's recorded arguments as pretty JSON, or '' when the inputs hold no arguments object. */
export function recordedToolArguments(inputs: unknown): string {
  if (!inputs || typeof inputs !== 'object' || Array.isArray(inputs)) return ''
  const args = (inputs as Record<string, unknown>).arguments
  return args && typeof args === 'object' && !Array.isArray(args) ? JSON.stringify(args, null, 2) : ''
}

/** Why the typed arguments cannot be sent, or null when they are a JSON object. */
export function toolArgumentsProblem(text: string): string | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return `not valid JSON: ${error instanceof Error ? error.message : String(error)}`
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return `must be a JSON object, not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}`
  return null
}

export interface RetryForm {
  prompt: string
  systemPrompt: string
  /** JSON [provider, model], or '' to keep the recorded one. */
  model: string
  /** The tool call's arguments as typed (tool steps only); undefined keeps the recorded ones. */
  toolArguments?: string
}

/** Only what the user changed goes into the request. */
export function retryChangesOf(form: RetryForm, recorded: string, recordedArguments = ''): RetryChanges {
  const changes: RetryChanges = {}
  if (form.prompt.trim() !== '' && form.prompt !== recorded) changes.prompt = form.prompt
  if (form.toolArguments !== undefined && form.toolArguments !== recordedArguments)
    changes.toolArgumentsJson = form.toolArguments
  if (form.systemPrompt.trim() !== '') changes.systemPrompt = form.systemPrompt
  if (form.model) {
    const [provider, model] = JSON.parse(form.model) as [string, string]
    changes.provider = provider
    changes.model = model
  }
  return changes
}

function modelChoices(catalog: AgentCatalog | null): { value: string; label: string }[] {
  return (catalog?.providers ?? []).flatMap((provider) =>
    provider.models.map((model) => ({
      value: JSON.stringify([provider.id, model]),
      label: `${provider.label}: ${model}`
    }))
  )
}

function RetryForm({ stepId }: { stepId: string }) {
  const run = useTine((state) => state.openRun)
  const detail = useTine((state) => state.stepDetails[stepId])
  const catalog = useTine((state) => state.agentCatalog)
  const busy = useTine((state) => state.agentBusy === 'retry')
  const error = useTine((state) => state.agentError)
  const overrideReason = useTine((state) => integrityOverrideReason(state.openRun, state.runRemoved))
  const [overridden, setOverridden] = useState(false)
  const unconfirmed = overrideReason !== null && !overridden
  const override = overrideReason ? ({ overrideIntegrity: true } as const) : {}
  const calls = useCalls()
  const agentCalls = useAgentCalls()
  const [typed, setTyped] = useState<string | null>(null)
  const [systemPrompt, setSystemPrompt] = useState('')
  const [model, setModel] = useState('')
  const [typedArguments, setTypedArguments] = useState<string | null>(null)

  useEffect(() => {
    void calls.loadStepDetail(stepId)
    void agentCalls.loadCatalog()
  }, [stepId, calls, agentCalls])

  const step = run?.steps.find((candidate) => candidate.id === stepId)
  const recorded = recordedPrompt(detail?.inputs)
  const prompt = typed ?? recorded
  const isTool = (detail?.kind ?? step?.kind) === 'tool'
  const recordedArguments = isTool ? recordedToolArguments(detail?.inputs) : ''
  const toolArguments = isTool && detail ? (typedArguments ?? recordedArguments) : undefined
  const argumentsProblem =
    toolArguments !== undefined && toolArguments !== recordedArguments ? toolArgumentsProblem(toolArguments) : null
  const changes = retryChangesOf({ prompt, systemPrompt, model, toolArguments }, recorded, recordedArguments)
  const changed = Object.keys(changes).length > 0
  const submit = () => {
    if (unconfirmed || busy || argumentsProblem) return
    void agentCalls.retryStep(stepId, changes, override)
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
        <code title={stepId}>{shortId(stepId)}</code> {step?.model && <span className="muted">{step.model}</span>}
      </p>
      <p className="muted small">
        A new run is forked before this step and the agent runs from there with your changes. Steps before it are served
        from the record, not asked again. This run stays unchanged.
      </p>
      <label className="field">
        <span>Prompt</span>
        <textarea
          data-testid="retry-prompt"
          rows={5}
          autoFocus
          value={prompt}
          placeholder={detail ? 'Leave empty to keep the recorded prompt' : 'Loading the recorded prompt…'}
          onChange={(event) => setTyped(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault()
              submit()
            }
          }}
        />
      </label>
      {toolArguments !== undefined && (
        <label className="field">
          <span>Tool arguments (JSON object; the edited call runs for real)</span>
          <textarea
            data-testid="retry-tool-arguments"
            rows={6}
            spellCheck={false}
            value={toolArguments}
            aria-invalid={argumentsProblem ? true : undefined}
            onChange={(event) => setTypedArguments(event.target.value)}
          />
          {argumentsProblem && (
            <span className="error-text small" data-testid="retry-tool-arguments-error">
              Arguments {argumentsProblem}
            </span>
          )}
        </label>
      )}
      <label className="field">
        <span>System prompt (optional; empty keeps the recorded one)</span>
        <textarea
          data-testid="retry-system"
          rows={2}
          value={systemPrompt}
          onChange={(event) => setSystemPrompt(event.target.value)}
        />
      </label>
      <label className="field">
        <span>Model</span>
        <select data-testid="retry-model" value={model} onChange={(event) => setModel(event.target.value)}>
          <option value="">Same as recorded{step?.model ? ` (${step.model})` : ''}</option>
          {modelChoices(catalog).map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      {!changed && (
        <p className="muted small" data-testid="retry-unchanged">
          Nothing changed yet: the step would run again as recorded.
        </p>
      )}
      {overrideReason && (
        <IntegrityOverrideField
          reason={overrideReason}
          action="fork and run it"
          checked={overridden}
          onChange={setOverridden}
        />
      )}
      <DialogActions
        name="retry"
        submitTestId="retry-start"
        error={error}
        errorPrefix="Could not retry"
        busy={busy}
        disabled={argumentsProblem !== null || unconfirmed}
        label="Fork and run"
        busyLabel="Starting…"
        onCancel={() => tineStore.getState().closeRetryDialog()}
      />
    </form>
  )
}

export function RetryWithChangesDialog() {
  const dialog = useTine((state) => state.retryDialog)
  const busy = useTine((state) => state.agentBusy === 'retry')
  if (!dialog) return null
  return (
    <ModalFrame
      testId="retry-dialog"
      title="Retry this step with changes"
      onClose={() => {
        if (!busy) tineStore.getState().closeRetryDialog()
      }}
    >
      <RetryForm key={dialog.stepId} stepId={dialog.stepId} />
    </ModalFrame>
  )
}
