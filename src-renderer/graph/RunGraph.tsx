/**
 * The step graph of the open run. Layout runs in a worker and only when the structure changes;
 * a reload with new steps keeps the viewport and the selection, and the new nodes appear in place.
 * The first view is always readable (see first-view.ts) and overlays never cover what it centres on.
 */
import { READ_ONLY_GRAPH_PROPS } from './graph-props'
import {
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStoreApi,
  type Node,
  type NodeMouseHandler,
  type Viewport
} from '@xyflow/react'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { RunView } from '../../src-shared/api/types'
import { markForkPoint } from '../actions/fork-point'
import { selectOpenRun, selectSelectedStepId, selectStepQuery, selectDarkTheme } from '../store/selectors'
import { tineStore, useTine } from '../store/store'
import { heatScale } from '../views/heat'
import { buildRunGraphIncrementally, type RunGraphNode } from './build-run-graph'
import { CanvasMiniMap } from './CanvasMiniMap'
import { DotGrid } from './DotGrid'
import {
  centredOn,
  firstView,
  focusStepOf,
  MIN_READABLE_ZOOM,
  nodeFitZoom,
  nodeInside,
  type SafeArea
} from './first-view'
import { GraphToolbar } from './GraphToolbar'
import { kindStyle } from './kinds'
import { useFollowNewSteps } from './follow-new-steps'
import { chooseAlgorithm } from './layout'
import { requestLayout, type LayoutOutcome } from './layout-client'
import { decorateNodes, placeNodes, withSelection } from './placed-nodes'
import { rememberPlacement } from './placement-cache'
import { nodeTypes } from './node-types'
import { stepMatches } from './step-search'
import { FitAllButton } from './FitAllButton'
import { asDots, paneSizeOf, useGraphWindow, viewportFittingAll, WINDOWED_GRAPH_STEPS } from './graph-window'
import { useGraphLayout, type GraphLayoutOptions } from './use-graph-layout'

/** Below this zoom, nodes drop their text (level of detail). */
const LOW_DETAIL_ZOOM = 0.45
const ZOOM_TO_SELECTION = 1.3

/** The pane minus the bands the overlays (toolbar at the top, minimap and controls at the bottom) occupy. */
function safeAreaOf(box: HTMLElement | null): SafeArea {
  if (!box) return { left: 0, top: 0, right: 800, bottom: 600 }
  const frame = box.getBoundingClientRect()
  let top = 0
  let bottom = frame.height
  for (const panel of box.querySelectorAll<HTMLElement>('.react-flow__panel')) {
    const rect = panel.getBoundingClientRect()
    if (rect.height === 0) continue
    if (panel.classList.contains('top')) top = Math.max(top, rect.bottom - frame.top)
    else if (panel.classList.contains('bottom')) bottom = Math.min(bottom, rect.top - frame.top)
  }
  return { left: 0, top: top + 4, right: frame.width, bottom: Math.max(top + 8, bottom - 4) }
}

/** The open run's layout: the shared worker, with its progress in the store (the status bar shows it). */
const RUN_LAYOUT: GraphLayoutOptions<LayoutOutcome> = {
  request: (_file, graph) => requestLayout(graph.layout),
  onStart: (graph) => {
    const stepCount = graph.layout.ids.length
    tineStore
      .getState()
      .setLayout({ state: 'running', stepCount, algorithm: chooseAlgorithm(stepCount), millis: null, error: null })
  },
  onDone: (outcome, file) => {
    rememberPlacement(file, outcome.positions)
    tineStore.getState().setLayout({ state: 'done', algorithm: outcome.algorithm, millis: Math.round(outcome.millis) })
  },
  onError: (message) => tineStore.getState().setLayout({ state: 'error', error: message })
}

function minimapColor(node: Node): string {
  if (node.type === 'errorStep') return 'var(--kind-error)'
  return `var(${kindStyle(String((node.data as { kind?: string }).kind ?? '')).colorVar})`
}

function RunGraphCanvas({ run }: { run: RunView }) {
  const selectedStepId = useTine(selectSelectedStepId)
  const stepQuery = useTine(selectStepQuery)
  const heat = useTine((state) => state.heat)
  const minimapHidden = useTine((state) => state.minimapHidden)
  const [focusId, setFocusId] = useState<string | null>(null)
  const dark = useTine(selectDarkTheme)
  const flow = useReactFlow()
  const store = useStoreApi()
  const wrapper = useRef<HTMLDivElement>(null)
  // A run grown by a live patch extends the previous graph instead of rebuilding it.
  const graph = useMemo(() => buildRunGraphIncrementally(run), [run])
  const layout = useGraphLayout(run.file, graph, RUN_LAYOUT)
  const [ready, setReady] = useState(false)
  const viewedFile = useRef<string | null>(null)
  const shownFile = useRef(run.file)
  useLayoutEffect(() => {
    shownFile.current = run.file
  })

  const current = layout.laidOut
  const placed = useMemo(
    () => (current ? placeNodes(graph, current.positions) : { nodes: [], edges: [] }),
    [graph, current]
  )
  const withForkPoint = useMemo(() => markForkPoint(placed.nodes, run.forkPoint), [placed.nodes, run.forkPoint])
  const matchIds = useMemo(() => new Set(stepMatches(run.steps, stepQuery)), [run.steps, stepQuery])
  const scale = useMemo(() => heatScale(run.steps, heat), [run.steps, heat])
  const decorated = useMemo(() => decorateNodes(withForkPoint, matchIds, scale), [withForkPoint, matchIds, scale])
  const nodes = useMemo(() => withSelection(decorated, selectedStepId), [decorated, selectedStepId])
  // A big run: React Flow holds only the steps around the view, and the canvas minimap replaces
  // React Flow's SVG one (one rect per step, redrawn as the view moves).
  const big = run.steps.length > WINDOWED_GRAPH_STEPS
  const shown = useGraphWindow(big, run.file, nodes, placed.edges)
  const { track } = shown
  // Zoomed out past reading, a big graph draws each step as a plain box: far fewer DOM nodes.
  const [zoomedOut, setZoomedOut] = useState(false)
  const zoomedOutNow = useRef(false)
  const flowNodes = useMemo(() => (big && zoomedOut ? asDots(shown.nodes) : shown.nodes), [big, zoomedOut, shown.nodes])

  // First view of a file: the whole run when readable, else the step that matters. Later reloads keep the viewport.
  useEffect(() => {
    if (!current || viewedFile.current === run.file) return
    const file = run.file
    // Marked as viewed only once the frame runs: a reload that cancels this frame must not skip the first view.
    const frame = requestAnimationFrame(() => {
      viewedFile.current = file
      const focus = focusStepOf(run, tineStore.getState().selectedStepId, (id) => current.positions.has(id))
      const view = firstView(current.positions, safeAreaOf(wrapper.current), focus)
      setFocusId(view.focus)
      void flow.setViewport(view.viewport)
      // A big graph shows nothing until the window is tracked: if React Flow has not measured its
      // pane yet, the wrapper's own size stands in.
      const { width, height } = store.getState()
      track(view.viewport, width > 0 && height > 0 ? { width, height } : paneSizeOf(wrapper.current))
      requestAnimationFrame(() => {
        if (shownFile.current === file) setReady(true)
      })
    })
    return () => cancelAnimationFrame(frame)
  }, [current, run, flow, track, store])

  useEffect(() => {
    if (viewedFile.current !== run.file) setReady(false)
  }, [run.file])

  const panTo = useCallback(
    (stepId: string, always: boolean) => {
      const position = current?.positions.get(stepId)
      if (!position) return
      const safe = safeAreaOf(wrapper.current)
      const viewport = flow.getViewport()
      if (!always && nodeInside(position, viewport, safe)) return
      const zoom = Math.min(
        Math.max(viewport.zoom, MIN_READABLE_ZOOM),
        nodeFitZoom(safe, READ_ONLY_GRAPH_PROPS.maxZoom)
      )
      void flow.setViewport(centredOn(position, safe, zoom), { duration: 250 })
    },
    [current, flow]
  )

  // Whatever selected the step (transcript, inspector, search, timeline), bring it into view.
  useEffect(() => {
    if (selectedStepId) panTo(selectedStepId, false)
  }, [selectedStepId, panTo])

  // The whole node, as large as the safe area allows (up to 130 %).
  const zoomToSelection = useCallback(() => {
    const stepId = tineStore.getState().selectedStepId
    const position = stepId ? current?.positions.get(stepId) : undefined
    if (!position) return
    const safe = safeAreaOf(wrapper.current)
    void flow.setViewport(centredOn(position, safe, nodeFitZoom(safe, ZOOM_TO_SELECTION)), { duration: 250 })
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
  const onMove = useCallback(
    (_event: unknown, viewport: Viewport) => {
      const box = wrapper.current
      if (!box) return
      const low = viewport.zoom < LOW_DETAIL_ZOOM
      if (box.dataset.lod !== (low ? 'low' : 'high')) box.dataset.lod = low ? 'low' : 'high'
      if (low !== zoomedOutNow.current) {
        zoomedOutNow.current = low
        setZoomedOut(low)
      }
      // React Flow's measured pane: reading the DOM's size here would force a layout every frame.
      const { width, height } = store.getState()
      track(viewport, { width, height })
    },
    [track, store]
  )

  const layoutDone = layout.done
  const follow = useFollowNewSteps(
    flow,
    run.file,
    graph.layout.ids,
    ready && layoutDone && current ? current.positions : null
  )
  const stopFollowing = follow.stop

  // React Flow's own fit would fit the window it holds, not the run: fit every laid-out step.
  const fitAll = useCallback(() => {
    stopFollowing()
    const fitted = current ? viewportFittingAll(current.positions.values(), paneSizeOf(wrapper.current)) : null
    if (fitted) void flow.setViewport(fitted)
  }, [current, flow, stopFollowing])

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
      data-window-nodes={shown.nodes.length}
      data-focus-step={focusId ?? ''}
      data-heat={heat}
      data-lod="high"
    >
      <ReactFlow
        nodes={flowNodes}
        edges={shown.edges}
        nodeTypes={nodeTypes}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        onNodeContextMenu={onNodeContextMenu}
        onMove={onMove}
        onMoveStart={follow.onMoveStart}
        {...READ_ONLY_GRAPH_PROPS}
        colorMode={dark ? 'dark' : 'light'}
        proOptions={{ hideAttribution: false }}
      >
        <DotGrid gap={24} size={1} />
        <Controls
          showInteractive={false}
          showFitView={!big}
          position="bottom-left"
          orientation="horizontal"
          onFitView={follow.stop}
          onZoomIn={follow.stop}
          onZoomOut={follow.stop}
        >
          {big && <FitAllButton onClick={fitAll} />}
        </Controls>
        {minimapHidden ? null : !big ? (
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
