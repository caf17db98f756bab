/** Everything about the selected step: text, inputs, outputs, error, tool info, usage, billing. */
import { visibleText } from '../../src-shared/api/visible-text'
import { useEffect, useMemo } from 'react'
import type { StepDetail, StepSummary } from '../../src-shared/api/types'
import { StepActionBar } from '../actions/ActionBars'
import { AgentActivity } from '../agents/AgentActivity'
import { useCalls } from '../api/client'
import { KindIcon } from '../graph/KindIcon'
import { formatCost, formatDuration, formatTimestamp, shortId } from '../lib/format'
import { selectOpenRun, selectSelectedStepId, selectStepDetails, selectStepErrors } from '../store/selectors'
import { tineStore, useTine } from '../store/store'
import { CopyButton } from '../ui/CopyButton'
import { isEmptyJson, JsonTree } from '../ui/JsonTree'
import { StepTextBlock } from '../ui/StepTextBlock'
import { stepTexts } from '../ui/step-text'

function StepLink({ stepId, steps }: { stepId: string; steps: Map<string, StepSummary> }) {
  const step = steps.get(stepId)
  return (
    <button
      type="button"
      className="step-link"
      title={stepId}
      onClick={() => tineStore.getState().selectStep(stepId)}
      disabled={!step}
    >
      {step && <KindIcon kind={step.isError ? 'error' : step.kind} size={12} />} {shortId(stepId)}
      {step ? ` ${step.kind}` : ' (not in this run)'}
    </button>
  )
}

function Section({ title, value }: { title: string; value: unknown }) {
  if (isEmptyJson(value)) return null
  return (
    <section className="inspector-section">
      <h3>{title}</h3>
      <JsonTree value={value} />
    </section>
  )
}

function Details({ detail, steps }: { detail: StepDetail; steps: Map<string, StepSummary> }) {
  const texts = stepTexts(detail.inputs, detail.outputs)
  return (
    <>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{detail.kind}</dd>
        {detail.model && (
          <>
            <dt>Model</dt>
            <dd>{detail.model}</dd>
          </>
        )}
        {detail.provider && (
          <>
            <dt>Provider</dt>
            <dd>{detail.provider}</dd>
          </>
        )}
        <dt>Time</dt>
        <dd>{formatTimestamp(detail.timestamp)}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration(detail.duration)}</dd>
        <dt>Cost</dt>
        <dd>{formatCost(detail.cost)}</dd>
        <dt>Parents</dt>
        <dd className="link-list">
          {detail.parentIds.length === 0 ? (
            <span className="muted">root</span>
          ) : (
            detail.parentIds.map((id) => <StepLink key={id} stepId={id} steps={steps} />)
          )}
        </dd>
        <dt>Children</dt>
        <dd className="link-list">
          {detail.children.length === 0 ? (
            <span className="muted">none (tip)</span>
          ) : (
            detail.children.map((id) => <StepLink key={id} stepId={id} steps={steps} />)
          )}
        </dd>
      </dl>
      {!isEmptyJson(detail.error) && (
        <section className="inspector-section error-section" data-testid="step-error">
          <h3>Error</h3>
          <JsonTree value={detail.error} />
        </section>
      )}
      {texts.map((text) => (
        <StepTextBlock key={text.label} label={text.label} text={text.text} />
      ))}
      <Section title="Inputs" value={detail.inputs} />
      <Section title="Outputs" value={detail.outputs} />
      <Section title="Tool" value={detail.toolInfo} />
      <Section title="Usage" value={detail.usage} />
      <Section title="Billing" value={detail.billing} />
    </>
  )
}

export function StepInspector() {
  const run = useTine(selectOpenRun)
  const stepId = useTine(selectSelectedStepId)
  const details = useTine(selectStepDetails)
  const errors = useTine(selectStepErrors)
  const calls = useCalls()
  const runSteps = run?.steps
  const steps = useMemo(() => new Map((runSteps ?? []).map((step) => [step.id, step])), [runSteps])

  useEffect(() => {
    if (stepId) void calls.loadStepDetail(stepId)
  }, [stepId, calls, run])

  if (!run) return null
  if (!stepId) {
    return (
      <div className="inspector empty-hint" data-testid="step-inspector">
        <AgentActivity />
        Click a step in the graph (or a turn in the transcript) to see its inputs and outputs.
      </div>
    )
  }
  const summary = steps.get(stepId)
  const detail = details[stepId]
  return (
    <div className="inspector" data-testid="step-inspector" data-step-id={stepId}>
      <AgentActivity />
      <header className={`inspector-head${summary?.isError ? ' is-error' : ''}`}>
        <KindIcon kind={summary?.isError ? 'error' : (summary?.kind ?? '')} size={18} />
        <div className="inspector-title">
          <div className="inspector-label">{summary?.label || summary?.kind || 'step'}</div>
          <code className="step-id" title={stepId}>
            {visibleText(stepId)}
          </code>
        </div>
        <CopyButton value={stepId} label="Copy id" title="Copy the full step id" />
      </header>
      <StepActionBar stepId={stepId} />
      {errors[stepId] && <p className="error-text">Could not load this step: {errors[stepId]}</p>}
      {!detail && !errors[stepId] && <p className="muted">Loading step…</p>}
      {detail && <Details detail={detail} steps={steps} />}
    </div>
  )
}
