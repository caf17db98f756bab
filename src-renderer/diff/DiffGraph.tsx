/** One side of the diff: a React Flow canvas whose viewport belongs to the pair (controlled). */
import { READ_ONLY_GRAPH_PROPS } from '../graph/graph-props'
import { Controls, Panel, ReactFlow, ReactFlowProvider, type NodeMouseHandler, type Viewport } from '@xyflow/react'
import { forwardRef, useCallback, useImperativeHandle, useLayoutEffect, useRef } from 'react'
import type { RunView } from '../../src-shared/api/types'
import type { RunGraphEdge } from '../graph/build-run-graph'
import { DotGrid } from '../graph/DotGrid'
import { FitAllButton } from '../graph/FitAllButton'
import { paneSizeOf, useGraphWindow, viewportFittingAll, WINDOWED_GRAPH_STEPS } from '../graph/graph-window'
import { formatCost, shortId } from '../lib/format'
import { baseName } from '../lib/paths'
import type { DiffSide } from './diff-lookup'
import { diffNodeTypes } from './diff-node-types'
import type { DiffFlowNode } from './diff-graph-model'
import { tineStore } from '../store/store'

export interface DiffGraphProps {
  side: DiffSide
  run: RunView
  nodes: DiffFlowNode[]
  edges: RunGraphEdge[]
  viewport: Viewport
  onViewportChange: (viewport: Viewport) => void
  ready: boolean
  lowDetail: boolean
  dark: boolean
}

export const DiffGraph = forwardRef<HTMLDivElement, DiffGraphProps>(function DiffGraph(props, ref) {
  const { side, run, nodes, edges, viewport, onViewportChange, ready, lowDetail, dark } = props
  const onNodeClick: NodeMouseHandler<DiffFlowNode> = useCallback(
    (_event, node) => tineStore.getState().selectDiffStep(side, node.id),
    [side]
  )
  const onPaneClick = useCallback(() => tineStore.getState().selectDiffStep(side, null), [side])
  const pane = useRef<HTMLDivElement>(null)
  useImperativeHandle(ref, () => pane.current!, [])
  // A big side hands React Flow only the steps around the shared view, as the run graph does.
  const big = run.steps.length > WINDOWED_GRAPH_STEPS
  const shown = useGraphWindow(big, run.file, nodes, edges)
  const { track } = shown
  useLayoutEffect(() => track(viewport, paneSizeOf(pane.current)), [track, viewport])
  const fitAll = useCallback(() => {
    const fitted = viewportFittingAll(
      nodes.map((node) => node.position),
      paneSizeOf(pane.current)
    )
    if (fitted) onViewportChange(fitted)
  }, [nodes, onViewportChange])
  return (
    <div
      ref={pane}
      className={`run-graph diff-graph diff-graph-${side}`}
      data-testid={`diff-graph-${side}`}
      data-graph-ready={ready ? 'true' : 'false'}
      data-step-count={run.steps.length}
      data-lod={lowDetail ? 'low' : 'high'}
      data-window-nodes={shown.nodes.length}
    >
      <ReactFlowProvider>
        <ReactFlow
          nodes={shown.nodes}
          edges={shown.edges}
          nodeTypes={diffNodeTypes}
          viewport={viewport}
          onViewportChange={onViewportChange}
          onNodeClick={onNodeClick}
          onPaneClick={onPaneClick}
          {...READ_ONLY_GRAPH_PROPS}
          colorMode={dark ? 'dark' : 'light'}
        >
          <DotGrid gap={24} size={1} />
          <Controls showInteractive={false} showFitView={!big} position="bottom-left">
            {big && <FitAllButton onClick={fitAll} />}
          </Controls>
          <Panel position="top-left">
            <div className={`diff-side-label diff-side-label-${side}`} title={run.file}>
              <strong>{side.toUpperCase()}</strong> <code>{shortId(run.runId)}</code>{' '}
              <span className="muted">{baseName(run.file)}</span>{' '}
              <span className="muted">
                · {run.steps.length.toLocaleString('en-US')} steps · {formatCost(run.costs.totalCost)}
              </span>
            </div>
          </Panel>
        </ReactFlow>
      </ReactFlowProvider>
    </div>
  )
})
