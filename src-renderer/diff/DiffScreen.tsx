/**
 * The side-by-side diff of two runs: header with the difference walk and the actions-only toggle,
 * the two synchronised graphs, the run summary and the step-pair panel. Rendered in place of the
 * explorer while a diff is open; renders nothing otherwise.
 */
import { ExportDiffButton } from '../views/export-diff'
import './diff.css'
import { useState, type ReactNode } from 'react'
import { shortId } from '../lib/format'
import { baseName } from '../lib/paths'
import { runFilePath } from '../store/run-list'
import { ToolCallsToggle } from './ToolCallsToggle'
import { DiffGraphs } from './DiffGraphs'
import { DiffLegend } from './DiffLegend'
import { tineStore, useTine } from '../store/store'
import { Elapsed } from '../ui/Elapsed'
import { DiffSummary } from './DiffSummary'
import { StepPairPanel } from './StepPairPanel'

function ProgressLine({ done, children }: { done: boolean; children: ReactNode }) {
  return (
    <li className={done ? 'progress-done' : 'progress-pending'}>
      <span aria-hidden="true">{done ? '✓' : '…'}</span> {children}
    </li>
  )
}

function DiffLoading() {
  const request = useTine((state) => state.diffRequest)
  const progress = useTine((state) => state.diffProgress)
  const phase = useTine((state) => state.diffPhase)
  const error = useTine((state) => state.diffError)
  const folders = useTine((state) => state.folders)
  if (!request) return null
  // The list already knows how big each run is: say so while it loads.
  const sized = (file: string) => {
    for (const folder of folders) {
      for (const run of folder.runs)
        if (runFilePath(folder.folder, run.file) === file) return ` (${run.steps.toLocaleString('en-US')} steps)`
    }
    return ''
  }
  if (phase === 'error') {
    return (
      <div className="empty-state" data-testid="diff-error">
        <h2>Could not compare these runs</h2>
        <p className="error-text">{error}</p>
        <button type="button" onClick={() => tineStore.getState().closeDiff()}>
          Back to the explorer
        </button>
      </div>
    )
  }
  return (
    <div className="empty-state" data-testid="diff-loading" role="status">
      <div className="progress" aria-hidden="true">
        <div className="progress-bar" />
      </div>
      <ul className="diff-progress">
        <ProgressLine done={progress.runA}>
          Reading A: {baseName(request.fileA)}
          {sized(request.fileA)}
        </ProgressLine>
        <ProgressLine done={progress.runB}>
          Reading B: {baseName(request.fileB)}
          {sized(request.fileB)}
        </ProgressLine>
        <ProgressLine done={progress.pairing}>
          {request.toolCallsOnly ? 'Pairing tool calls' : 'Pairing steps'}
        </ProgressLine>
      </ul>
      <p className="muted">
        <Elapsed since={progress.startedAt} />
      </p>
    </div>
  )
}

function DifferenceWalk() {
  const count = useTine((state) => state.diffView?.differences.length ?? 0)
  const index = useTine((state) => state.diffIndex)
  const kind = useTine((state) =>
    state.diffIndex !== null ? state.diffView?.differences[state.diffIndex]?.kind : undefined
  )
  const position =
    count === 0
      ? 'no differences'
      : index === null
        ? `${count} difference${count === 1 ? '' : 's'}`
        : `${index + 1} of ${count}`
  return (
    <div className="diff-walk">
      <button
        type="button"
        data-testid="diff-prev"
        title="Previous difference (Shift+N)"
        disabled={count === 0 || index === 0}
        onClick={() => tineStore.getState().previousDifference()}
      >
        ↑ Previous
      </button>
      <span
        className="diff-position"
        data-testid="diff-position"
        data-index={index ?? ''}
        data-count={count}
        data-kind={kind ?? ''}
      >
        {position}
      </span>
      <button
        type="button"
        data-testid="diff-next"
        title="Next difference (N)"
        disabled={count === 0 || (index !== null && index >= count - 1)}
        onClick={() => tineStore.getState().nextDifference()}
      >
        Next ↓
      </button>
    </div>
  )
}

function DiffHeader() {
  const request = useTine((state) => state.diffRequest)
  const view = useTine((state) => state.diffView)
  const runA = useTine((state) => state.diffRunA)
  const runB = useTine((state) => state.diffRunB)
  if (!request) return null
  const label = (file: string, runId: string | undefined) => (
    <span className="diff-run-name" title={file}>
      {runId ? <code>{shortId(runId)}</code> : null} {baseName(file)}
    </span>
  )
  return (
    <header className="diff-header">
      <strong>Compare</strong>
      <span className="diff-side-chip diff-side-chip-a">A</span>
      {label(request.fileA, runA?.runId)}
      <button
        type="button"
        className="link-button"
        title="Swap sides"
        data-testid="diff-swap"
        onClick={() => void tineStore.getState().swapDiffSides()}
      >
        ⇄
      </button>
      <span className="diff-side-chip diff-side-chip-b">B</span>
      {label(request.fileB, runB?.runId)}
      {view?.mode === 'tool-calls' && (
        <span
          className="badge tone-neutral"
          title="paired by tool calls and arguments; stops at the first divergence in behaviour"
        >
          tool calls only
        </span>
      )}
      <div className="toolbar-spacer" />
      {view && <DifferenceWalk />}
      <ToolCallsToggle />
      <ExportDiffButton />
      <button
        type="button"
        data-testid="diff-close"
        title="Back to the explorer (Escape)"
        onClick={() => tineStore.getState().closeDiff()}
      >
        Close
      </button>
    </header>
  )
}

/** Shown instead of the graphs when the runs share no step, until the user asks for the diff anyway. */
function NoCommonAncestor({ onContinue }: { onContinue: () => void }) {
  return (
    <div className="empty-state" data-testid="diff-unrelated" role="alert">
      <h2>These runs share no step</h2>
      <p>
        Neither run is a fork or replay of the other, so there is no common ancestor to line them up on. The diff can
        only pair steps by their position in each graph, and most of what it shows will be differences.
      </p>
      <div className="modal-actions">
        <button type="button" onClick={() => tineStore.getState().closeDiff()}>
          Back to the explorer
        </button>
        <button type="button" className="primary" data-testid="diff-unrelated-continue" autoFocus onClick={onContinue}>
          Compare by position anyway
        </button>
      </div>
    </div>
  )
}

function pairKey(fileA: string, fileB: string): string {
  return [fileA, fileB].sort().join('\n')
}

export function DiffScreen() {
  const open = useTine((state) => state.diffRequest !== null)
  const request = useTine((state) => state.diffRequest)
  const [acknowledged, setAcknowledged] = useState<ReadonlySet<string>>(() => new Set())
  const phase = useTine((state) => state.diffPhase)
  const view = useTine((state) => state.diffView)
  const runA = useTine((state) => state.diffRunA)
  const runB = useTine((state) => state.diffRunB)
  const layout = useTine((state) => state.diffLayout)
  if (!open) return null
  const showing = phase === 'ready' && view && runA && runB
  const key = request ? pairKey(request.fileA, request.fileB) : ''
  const unrelated = Boolean(showing && view.commonAncestor === null && !acknowledged.has(key))
  return (
    <div
      className="diff-screen"
      data-testid="diff-view"
      data-phase={phase}
      data-mode={view?.mode ?? ''}
      data-diff-ready={showing && !unrelated && layout.a && layout.b ? 'true' : 'false'}
      data-unrelated={unrelated ? 'true' : 'false'}
    >
      <DiffHeader />
      {unrelated ? (
        <NoCommonAncestor onContinue={() => setAcknowledged((previous) => new Set(previous).add(key))} />
      ) : showing ? (
        <div className="diff-body">
          <div className="diff-main">
            <DiffLegend />
            {/* Remounted per request: a new diff starts level on its common ancestor. */}
            <DiffGraphs key={`${view.a.runId}\n${view.b.runId}\n${view.mode}`} runA={runA} runB={runB} view={view} />
          </div>
          <div className="diff-side">
            <DiffSummary summary={view.summary} />
            <StepPairPanel />
          </div>
        </div>
      ) : (
        <DiffLoading />
      )}
    </div>
  )
}
