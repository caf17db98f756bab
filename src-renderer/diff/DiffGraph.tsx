/** One side of the diff: a React Flow canvas whose viewport belongs to the pair (controlled). */
import { READ_ONLY_GRAPH_PROPS } from '../graph/graph-props'
import {
  Background,
  Controls,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  type NodeMouseHandler,
  type Viewport
} from '@xyflow/react'
import { forwardRef, useCallback } from 'react'
import type { RunView } from '../../src-shared/api/types'
import type { RunGraphEdge } from '../graph/build-run-graph'
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
  return (
    <div
      ref={ref}
      className={`run-graph diff-graph diff-graph-${side}`}
      data-testid={`diff-graph-${side}`}
      data-graph-ready={ready ? 'true' : 'false'}
      data-step-count={run.steps.length}
      data-lod={lowDetail ? 'low' : 'high'}
    >
      <ReactFlowProvider>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={diffNodeTypes}
          viewport={viewport}
          onViewportChange={onViewportChange}
          onNodeClick={onNodeClick}
          onPaneClick={onPaneClick}
          {...READ_ONLY_GRAPH_PROPS}
          colorMode={dark ? 'dark' : 'light'}
        >
          <Background gap={24} size={1} />
          <Controls showInteractive={false} position="bottom-left" />
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
