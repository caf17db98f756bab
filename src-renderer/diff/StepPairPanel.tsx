/**
 * The selected pair, field by field: before (A) and after (B), a word-level diff for long texts,
 * and what the pair costs more or less on B's side. A one-sided step lists its fields against nothing.
 */
import { useMemo } from 'react'
import type { RunView, StepSummary } from '../../src-shared/api/types'
import type { FieldChange } from '../../src-shared/run/diff/step-delta'
import { formatCost, formatDuration, shortId } from '../lib/format'
import { stateOf } from './diff-lookup'
import { useTine } from '../store/store'
import { costDelta, deltaTone, durationDelta, tokenDelta } from './delta-format'
import { STATE_TAGS } from './DiffStepNode'
import { WordDiff } from './WordDiff'

function stepIndex(run: RunView | null): Map<string, StepSummary> {
  return new Map((run?.steps ?? []).map((step) => [step.id, step]))
}

function ValueView({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">(absent)</span>
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2)
  return <pre className="pair-value">{text}</pre>
}

function FieldRow({ change }: { change: FieldChange }) {
  const isKeyEntry = change.parentField !== undefined
  return (
    <li
      className={isKeyEntry ? 'pair-field pair-field-key' : 'pair-field'}
      data-testid="pair-field"
      data-field={change.field}
    >
      <div className="pair-field-name">
        <code>{change.field}</code>
        {change.keys && change.keys.length > 0 && (
          <span className="muted small"> keys that differ: {change.keys.join(', ')}</span>
        )}
      </div>
      {change.keys && change.keys.length > 0 ? null : change.textDiff ? (
        <WordDiff parts={change.textDiff} />
      ) : (
        <div className="pair-before-after">
          <div>
            <div className="pair-side-label">before (A)</div>
            <ValueView value={change.before} />
          </div>
          <div>
            <div className="pair-side-label">after (B)</div>
            <ValueView value={change.after} />
          </div>
        </div>
      )}
    </li>
  )
}

function Delta({ label, value, text, testid }: { label: string; value: number; text: string; testid: string }) {
  return (
    <span className={`pair-delta delta-${deltaTone(value)}`} data-testid={testid} data-value={value}>
      {label} {text}
    </span>
  )
}

function StepCaption({
  side,
  step,
  nearest
}: {
  side: 'A' | 'B'
  step: StepSummary | undefined
  nearest?: StepSummary
}) {
  if (!step) {
    return (
      <div className="pair-step muted" data-testid={`pair-no-counterpart-${side.toLowerCase()}`}>
        {side}: no counterpart
        {nearest && (
          <>
            ; nearest shared step{' '}
            <span title={nearest.id}>
              #{nearest.index} <code>{shortId(nearest.id)}</code>
            </span>
          </>
        )}
      </div>
    )
  }
  return (
    <div className="pair-step" title={step.id}>
      <strong>{side}</strong> <code>{shortId(step.id)}</code> <span className="muted">#{step.index}</span> {step.kind}{' '}
      <span className="muted">
        {formatCost(step.cost)} · {formatDuration(step.duration)}
      </span>
      <div className="pair-step-label">{step.label}</div>
    </div>
  )
}

export function StepPairPanel() {
  const selection = useTine((state) => state.diffSelection)
  const pair = useTine((state) => state.diffPair)
  const view = useTine((state) => state.diffView)
  const runA = useTine((state) => state.diffRunA)
  const runB = useTine((state) => state.diffRunB)
  const stepsA = useMemo(() => stepIndex(runA), [runA])
  const stepsB = useMemo(() => stepIndex(runB), [runB])
  const anchor = useTine((state) => state.diffFocus?.anchor ?? null)
  if (selection.a === null && selection.b === null) {
    return (
      <aside className="diff-pair-panel" data-testid="diff-pair-panel" data-state="empty">
        <p className="empty-hint">Click a step, or use Next difference (N), to compare it with its partner.</p>
      </aside>
    )
  }
  const state = view
    ? selection.a !== null
      ? stateOf(view, 'a', selection.a)
      : selection.b !== null
        ? stateOf(view, 'b', selection.b)
        : undefined
    : undefined
  const current = pair && pair.a === selection.a && pair.b === selection.b ? pair : null
  return (
    <aside className="diff-pair-panel" data-testid="diff-pair-panel" data-state={current?.state ?? 'loading'}>
      <div className="pair-head">
        <h3>
          Step pair {state && <span className={`diff-badge diff-badge-${state}`}>{STATE_TAGS[state] ?? state}</span>}
        </h3>
        <StepCaption
          side="A"
          step={selection.a !== null ? stepsA.get(selection.a) : undefined}
          nearest={anchor !== null ? stepsA.get(anchor) : undefined}
        />
        <StepCaption
          side="B"
          step={selection.b !== null ? stepsB.get(selection.b) : undefined}
          nearest={anchor !== null ? stepsB.get(anchor) : undefined}
        />
      </div>
      {!current || current.state === 'loading' ? (
        <p className="muted">Comparing…</p>
      ) : current.state === 'error' ? (
        <p className="error-text" data-testid="diff-pair-error">
          {current.error}
        </p>
      ) : (
        current.detail && (
          <>
            <div className="pair-deltas" title="B minus A">
              <Delta
                label="cost"
                value={current.detail.costDelta}
                text={costDelta(current.detail.costDelta)}
                testid="pair-cost-delta"
              />
              <Delta
                label="tokens"
                value={current.detail.tokenDelta}
                text={tokenDelta(current.detail.tokenDelta)}
                testid="pair-token-delta"
              />
              <Delta
                label="duration"
                value={current.detail.durationDelta}
                text={durationDelta(current.detail.durationDelta)}
                testid="pair-duration-delta"
              />
            </div>
            {current.detail.fields.length === 0 ? (
              <p className="muted">
                No field differs{state === 'shared' ? ': this step is in both runs, unchanged.' : '.'}
              </p>
            ) : (
              <ul className="pair-fields">
                {current.detail.fields.map((change) => (
                  <FieldRow key={change.field} change={change} />
                ))}
              </ul>
            )}
          </>
        )
      )}
    </aside>
  )
}
