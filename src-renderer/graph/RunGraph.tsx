/**
 * The step graph of the open run. Layout runs in a worker and only when the structure changes;
 * a reload with new steps keeps the viewport and the selection, and the new nodes appear in place.
 */
import { READ_ONLY_GRAPH_PROPS } from './graph-props'
import { Background, Controls, MiniMap, Panel, ReactFlow, ReactFlowProvider, useReactFlow, type Node, type NodeMouseHandler, type Viewport } from '@xyflow/react'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { RunView } from '../../src-shared/api/types'
import { markForkPoint } from '../actions/fork-point'
import { selectOpenRun, selectSelectedStepId, selectSystemPrefersDark, selectThemePreference } from '../store/selectors'
import { tineStore, useTine } from '../store/store'
import { resolvedTheme } from '../store/ui-slice'
import { buildRunGraph, type RunGraphNode } from './build-run-graph'
import { CanvasMiniMap } from './CanvasMiniMap'
import { NODE_HEIGHT, NODE_WIDTH } from './geometry'
import { GraphToolbar } from './GraphToolbar'
import { kindStyle } from './kinds'
import { chooseAlgorithm } from './layout'
import { requestLayout } from './layout-client'
import type { Point } from './layout-types'
import { nodeCenter, placeNodes, withSelection } from './placed-nodes'
import { nodeTypes } from './node-types'

/** Above this many steps the first view shows the start of the run instead of fitting everything. */
const FIT_ALL_LIMIT = 300
/** React Flow's SVG minimap redraws one rect per step as the view moves; past this the canvas one is used. */
const SVG_MINIMAP_LIMIT = 2000
/** Below this zoom, nodes drop their text (level of detail). */
const LOW_DETAIL_ZOOM = 0.45

interface Placement {
  file: string
  key: string
  positions: Map<string, Point>
}

function minimapColor(node: Node): string {
  if (node.type === 'errorStep') return 'var(--kind-error)'
  return `var(${kindStyle(String((node.data as { kind?: string }).kind ?? '')).colorVar})`
}

function RunGraphCanvas({ run }: { run: RunView }) {
  const selectedStepId = useTine(selectSelectedStepId)
  const dark = resolvedTheme(useTine(selectThemePreference), useTine(selectSystemPrefersDark)) === 'dark'
  const flow = useReactFlow()
  const wrapper = useRef<HTMLDivElement>(null)
  const graph = useMemo(() => buildRunGraph(run), [run])
  const graphRef = useRef(graph)
  useLayoutEffect(() => {
    graphRef.current = graph
  })
  const [placement, setPlacement] = useState<Placement | null>(null)
  const [ready, setReady] = useState(false)
  const viewedFile = useRef<string | null>(null)
  const shownFile = useRef(run.file)
  useLayoutEffect(() => {
    shownFile.current = run.file
  })

  useEffect(() => {
    let cancelled = false
    const current = graphRef.current
    const stepCount = current.layout.ids.length
    tineStore.getState().setLayout({ state: 'running', stepCount, algorithm: chooseAlgorithm(stepCount), millis: null, error: null })
    requestLayout(current.layout).then(
      (outcome) => {
        if (cancelled) return
        setPlacement({ file: run.file, key: current.structureKey, positions: outcome.positions })
        tineStore.getState().setLayout({ state: 'done', algorithm: outcome.algorithm, millis: Math.round(outcome.millis) })
      },
      (error: unknown) => {
        if (cancelled) return
        tineStore.getState().setLayout({ state: 'error', error: error instanceof Error ? error.message : String(error) })
      }
    )
    return () => {
      cancelled = true
    }
    // Only the structure matters: a status or cost change must not move anything.
  }, [graph.structureKey, run.file])

  const current = placement && placement.file === run.file ? placement : null
  const placed = useMemo(() => (current ? placeNodes(graph, current.positions) : { nodes: [], edges: [] }), [graph, current])
  const withForkPoint = useMemo(() => markForkPoint(placed.nodes, run.forkPoint), [placed.nodes, run.forkPoint])
  const nodes = useMemo(() => withSelection(withForkPoint, selectedStepId), [withForkPoint, selectedStepId])

  // First view of a file: fit a small run, show the start of a big one. Later reloads keep the viewport.
  useEffect(() => {
    if (!current || viewedFile.current === run.file) return
    const file = run.file
    // Marked as viewed only once the frame runs: a reload that cancels this frame must not skip the first view.
    const frame = requestAnimationFrame(() => {
      viewedFile.current = file
      if (placed.nodes.length <= FIT_ALL_LIMIT) {
        void flow.fitView({ padding: 0.15, maxZoom: 1.1 })
      } else {
        const first = current.positions.get(graph.layout.ids[0])
        const width = wrapper.current?.clientWidth ?? 800
        const zoom = 0.8
        if (first) void flow.setViewport({ x: width / 2 - (first.x + NODE_WIDTH / 2) * zoom, y: 72 - first.y * zoom, zoom })
      }
      requestAnimationFrame(() => {
        if (shownFile.current === file) setReady(true)
      })
    })
    return () => cancelAnimationFrame(frame)
  }, [current, run.file, placed.nodes.length, flow, graph.layout.ids])

  useEffect(() => {
    if (viewedFile.current !== run.file) setReady(false)
  }, [run.file])

  const panTo = useCallback(
    (stepId: string, always: boolean) => {
      const position = current?.positions.get(stepId)
      const box = wrapper.current
      if (!position || !box) return
      const { x, y, zoom } = flow.getViewport()
      const left = position.x * zoom + x
      const top = position.y * zoom + y
      const visible = left >= 0 && top >= 0 && left + NODE_WIDTH * zoom <= box.clientWidth && top + NODE_HEIGHT * zoom <= box.clientHeight
      if (visible && !always) return
      const center = nodeCenter(position)
      void flow.setCenter(center.x, center.y, { zoom: Math.max(zoom, 0.6), duration: 250 })
    },
    [current, flow]
  )

  // Whatever selected the step (transcript, inspector, search), bring it into view.
  useEffect(() => {
    if (selectedStepId) panTo(selectedStepId, false)
  }, [selectedStepId, panTo])

  const zoomToSelection = useCallback(() => {
    const stepId = tineStore.getState().selectedStepId
    const position = stepId ? current?.positions.get(stepId) : undefined
    if (!position) return
    const center = nodeCenter(position)
    void flow.setCenter(center.x, center.y, { zoom: 1.3, duration: 250 })
  }, [current, flow])

  const onNodeClick: NodeMouseHandler<RunGraphNode> = useCallback((_event, node) => {
    tineStore.getState().selectStep(node.id)
    tineStore.getState().setSidePanel('step')
  }, [])

  const onPaneClick = useCallback(() => tineStore.getState().selectStep(null), [])

  const onNodeContextMenu: NodeMouseHandler<RunGraphNode> = useCallback((event, node) => {
    event.preventDefault()
    const state = tineStore.getState()
    state.selectStep(node.id)
    state.setSidePanel('step')
    state.openStepMenu({ stepId: node.id, x: event.clientX, y: event.clientY })
  }, [])

  // Level of detail without re-rendering React: a data attribute the CSS reads.
  const onMove = useCallback((_event: unknown, viewport: Viewport) => {
    const box = wrapper.current
    if (!box) return
    const low = viewport.zoom < LOW_DETAIL_ZOOM ? 'low' : 'high'
    if (box.dataset.lod !== low) box.dataset.lod = low
  }, [])

  const layoutDone = current !== null && current.key === graph.structureKey

  // A fork just written opens on its fork point, once the first view has settled.
  const focusStep = useTine((state) => state.focusStep)
  useEffect(() => {
    if (!focusStep || focusStep.file !== run.file || !ready || !layoutDone) return
    tineStore.getState().setFocusStep(null)
    if (!current?.positions.has(focusStep.stepId)) return
    tineStore.getState().selectStep(focusStep.stepId)
    panTo(focusStep.stepId, true)
  }, [focusStep, run.file, ready, layoutDone, current, panTo])
  return (
    <div
      ref={wrapper}
      className="run-graph"
      data-testid="run-graph"
      data-graph-ready={ready && layoutDone ? 'true' : 'false'}
      data-step-count={run.steps.length}
      data-lod="high"
    >
      <ReactFlow
        nodes={nodes}
        edges={placed.edges}
        nodeTypes={nodeTypes}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        onNodeContextMenu={onNodeContextMenu}
        onMove={onMove}
        {...READ_ONLY_GRAPH_PROPS}
        colorMode={dark ? 'dark' : 'light'}
        proOptions={{ hideAttribution: false }}
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} position="bottom-left" />
        {run.steps.length <= SVG_MINIMAP_LIMIT ? (
          <MiniMap pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} position="bottom-right" />
        ) : (
          current && (
            <Panel position="bottom-right">
              <CanvasMiniMap nodes={placed.nodes} positions={current.positions} theme={dark ? 'dark' : 'light'} />
            </Panel>
          )
        )}
        <Panel position="top-left">
          <GraphToolbar run={run} onJump={(stepId) => panTo(stepId, true)} onZoomToSelection={zoomToSelection} />
        </Panel>
      </ReactFlow>
    </div>
  )
}

export function RunGraph() {
  const run = useTine(selectOpenRun)
  if (!run) return null
  return (
    <ReactFlowProvider>
      <RunGraphCanvas run={run} />
    </ReactFlowProvider>
  )
}
