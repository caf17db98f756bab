/**
 * The run-level summary: totals on each side and what changed. Every number is the DiffView's
 * own summary (the core's pairing), so it matches `tine diff --json`; raw values ride in data-value.
 */
import type { DiffSummary as Summary } from '../../src-shared/run/diff/diff-view-model'
import { formatCost, formatDuration, formatTokens } from '../lib/format'
import { costDelta, countDelta, deltaTone, durationDelta, tokenDelta } from './delta-format'

function Cell({ value, text, testid }: { value: number; text: string; testid?: string }) {
  return (
    <td data-testid={testid} data-value={value}>
      {text}
    </td>
  )
}

function DeltaCell({ value, text }: { value: number; text: string }) {
  return (
    <td className={`delta-${deltaTone(value)}`} data-value={value}>
      {text}
    </td>
  )
}

export function DiffSummary({ summary }: { summary: Summary }) {
  const { a, b } = summary
  return (
    <section className="diff-summary" data-testid="diff-summary" aria-label="Run summary">
      <div className="diff-counts">
        <span className="diff-count diff-count-added" title="steps only in B">
          <strong data-testid="diff-added" data-value={summary.added}>
            {summary.added}
          </strong>{' '}
          added
        </span>
        <span className="diff-count diff-count-removed" title="steps only in A">
          <strong data-testid="diff-removed" data-value={summary.removed}>
            {summary.removed}
          </strong>{' '}
          removed
        </span>
        <span className="diff-count diff-count-changed" title="paired steps that differ">
          <strong data-testid="diff-changed" data-value={summary.changed}>
            {summary.changed}
          </strong>{' '}
          changed
        </span>
      </div>
      <table className="diff-totals">
        <thead>
          <tr>
            <th />
            <th>A</th>
            <th>B</th>
            <th title="B minus A">Δ</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th>cost</th>
            <Cell value={a.totalCost} text={formatCost(a.totalCost)} testid="diff-cost-a" />
            <Cell value={b.totalCost} text={formatCost(b.totalCost)} testid="diff-cost-b" />
            <DeltaCell value={summary.costDelta} text={costDelta(summary.costDelta)} />
          </tr>
          <tr>
            <th>tokens</th>
            <Cell value={a.totalTokens} text={formatTokens(a.totalTokens)} testid="diff-tokens-a" />
            <Cell value={b.totalTokens} text={formatTokens(b.totalTokens)} testid="diff-tokens-b" />
            <DeltaCell value={summary.tokenDelta} text={tokenDelta(summary.tokenDelta)} />
          </tr>
          <tr>
            <th>steps</th>
            <Cell value={a.steps} text={a.steps.toLocaleString('en-US')} testid="diff-steps-a" />
            <Cell value={b.steps} text={b.steps.toLocaleString('en-US')} testid="diff-steps-b" />
            <DeltaCell value={b.steps - a.steps} text={countDelta(b.steps - a.steps)} />
          </tr>
          <tr>
            <th>duration</th>
            <Cell value={a.durationTotal} text={formatDuration(a.durationTotal)} testid="diff-duration-a" />
            <Cell value={b.durationTotal} text={formatDuration(b.durationTotal)} testid="diff-duration-b" />
            <DeltaCell value={summary.durationDelta} text={durationDelta(summary.durationDelta)} />
          </tr>
        </tbody>
      </table>
    </section>
  )
}
