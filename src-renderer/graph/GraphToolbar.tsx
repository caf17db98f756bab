/** Search within the run's step labels (every match marked), next/previous match with pan, zoom to the selection, legend, minimap. */
import { useMemo } from 'react'
import type { RunView } from '../../src-shared/api/types'
import { selectLayout, selectSelectedStepId, selectStepMatchIndex, selectStepQuery } from '../store/selectors'
import { tineStore, useTine } from '../store/store'
import { HeatLegend } from '../views/HeatLegend'
import { GraphLegend } from './GraphLegend'
import { nextMatchIndex, stepMatches } from './step-search'

export function GraphToolbar({
  run,
  onJump,
  onZoomToSelection
}: {
  run: RunView
  onJump: (stepId: string) => void
  onZoomToSelection: () => void
}) {
  const stepQuery = useTine(selectStepQuery)
  const matchIndex = useTine(selectStepMatchIndex)
  const selected = useTine(selectSelectedStepId)
  const layout = useTine(selectLayout)
  const minimapHidden = useTine((state) => state.minimapHidden)
  const legendOpen = useTine((state) => state.legendOpen)
  const matches = useMemo(() => stepMatches(run.steps, stepQuery), [run.steps, stepQuery])

  const jump = (delta: 1 | -1) => {
    const index = nextMatchIndex(tineStore.getState().stepMatchIndex, delta, matches.length)
    if (index < 0) return
    const state = tineStore.getState()
    state.setStepMatchIndex(index)
    state.selectStep(matches[index])
    onJump(matches[index])
  }

  return (
    <div className="graph-toolbar-stack">
      <div className="graph-toolbar" onKeyDown={(event) => event.stopPropagation()}>
        <input
          type="search"
          className="graph-search"
          data-testid="step-search"
          placeholder="Find step…"
          aria-label="Find a step in this run"
          value={stepQuery}
          onChange={(event) => tineStore.getState().setStepQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault()
              jump(event.shiftKey ? -1 : 1)
            }
          }}
        />
        <span className="graph-match-count" aria-live="polite">
          {stepQuery.trim()
            ? matches.length === 0
              ? 'no match'
              : `${matchIndex >= 0 ? matchIndex + 1 : 0}/${matches.length}`
            : ''}
        </span>
        <button
          type="button"
          onClick={() => jump(-1)}
          disabled={matches.length === 0}
          title="Previous match (Shift+Enter)"
          data-testid="step-search-prev"
        >
          ↑
        </button>
        <button
          type="button"
          onClick={() => jump(1)}
          disabled={matches.length === 0}
          title="Next match (Enter)"
          data-testid="step-search-next"
        >
          ↓
        </button>
        <button
          type="button"
          onClick={onZoomToSelection}
          disabled={!selected}
          title="Zoom to the selected step"
          data-testid="zoom-selection"
        >
          Zoom to selection
        </button>
        <button
          type="button"
          aria-pressed={legendOpen}
          onClick={() => tineStore.getState().setLegendOpen(!legendOpen)}
          title="What the colours and lines mean"
          data-testid="legend-toggle"
        >
          Legend
        </button>
        <button
          type="button"
          aria-pressed={!minimapHidden}
          onClick={() => tineStore.getState().setMinimapHidden(!minimapHidden)}
          title={minimapHidden ? 'Show the minimap' : 'Hide the minimap (remembered)'}
          data-testid="minimap-toggle"
        >
          {minimapHidden ? 'Show minimap' : 'Hide minimap'}
        </button>
        {layout.state === 'running' && (
          <span className="muted">laying out {layout.stepCount.toLocaleString('en-US')} steps…</span>
        )}
        {layout.state === 'error' && <span className="error-text">layout failed: {layout.error}</span>}
      </div>
      {legendOpen && <GraphLegend />}
      <HeatLegend run={run} />
    </div>
  )
}
