/**
 * The two graphs side by side, laid out by the explorer's layout engine and driven by one
 * viewport: a pan or zoom on either side moves both. They start level on the common ancestor;
 * walking the differences (or clicking a step) brings each pair level on both sides.
 */
import type { Viewport } from '@xyflow/react'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { RunView } from '../../src-shared/api/types'
import type { DiffView } from '../../src-shared/run/diff/diff-view-model'
import { buildRunGraph } from '../graph/build-run-graph'
import type { Point } from '../graph/layout-types'
import { useGraphLayout, type GraphLayoutOptions } from '../graph/use-graph-layout'
import { selectDarkTheme } from '../store/selectors'
import { tineStore, useTine } from '../store/store'
import { buildDiffNodes, withDiffSelection } from './diff-graph-model'
import { DiffGraph } from './DiffGraph'
import type { DiffFocus } from './diff-slice'
import { cachedLayout, layoutFor } from './layout-cache'
import {
  alignShift,
  boundsOf,
  isVisible,
  sharedFromB,
  viewportCentredOn,
  viewportFitting,
  viewportOfB,
  type PaneSize
} from './viewport-sync'

/** Runs this small are fitted whole on first view; bigger ones open on the common ancestor. */
const FIT_ALL_LIMIT = 300
const LOW_DETAIL_ZOOM = 0.45
const FOCUS_ZOOM = 0.6
const READABLE_ZOOM = 0.5
const ANIMATION_MS = 220

/** The diff's layouts come from its own cache, so a toggle or a swap of sides lays nothing out again. */
const DIFF_LAYOUT: GraphLayoutOptions<{ positions: Map<string, Point> }> = {
  cached: cachedLayout,
  request: (file, graph) => layoutFor(file, graph).then((positions) => ({ positions }))
}

function useSideLayout(run: RunView) {
  const graph = useMemo(() => buildRunGraph(run), [run])
  const layout = useGraphLayout(run.file, graph, DIFF_LAYOUT)
  // A side is drawn only with the positions of its own structure.
  return { graph, positions: layout.done ? (layout.laidOut?.positions ?? null) : null, error: layout.error }
}

function paneSizeOf(element: HTMLElement | null): PaneSize {
  // jsdom (tests) has no layout: fall back to a typical pane.
  const width = element?.clientWidth || 640
  const height = element?.clientHeight || 600
  return { width, height }
}

function lerp(from: number, to: number, t: number): number {
  return from + (to - from) * t
}

export function DiffGraphs({ runA, runB, view }: { runA: RunView; runB: RunView; view: DiffView }) {
  const dark = useTine(selectDarkTheme)
  const selection = useTine((state) => state.diffSelection)
  const focus = useTine((state) => state.diffFocus)
  const sideA = useSideLayout(runA)
  const sideB = useSideLayout(runB)
  const paneA = useRef<HTMLDivElement>(null)
  const [viewport, setViewport] = useState<Viewport>({ x: 0, y: 0, zoom: 1 })
  const [shift, setShift] = useState<Point>({ x: 0, y: 0 })
  const [initialised, setInitialised] = useState(false)
  const live = useRef({ viewport, shift })
  useLayoutEffect(() => {
    live.current = { viewport, shift }
  })
  const animation = useRef<number | null>(null)

  const placedA = useMemo(
    () => (sideA.positions ? buildDiffNodes(sideA.graph, sideA.positions, view, 'a') : null),
    [sideA.graph, sideA.positions, view]
  )
  const placedB = useMemo(
    () => (sideB.positions ? buildDiffNodes(sideB.graph, sideB.positions, view, 'b') : null),
    [sideB.graph, sideB.positions, view]
  )
  const nodesA = useMemo(() => (placedA ? withDiffSelection(placedA.nodes, selection.a) : []), [placedA, selection.a])
  const nodesB = useMemo(() => (placedB ? withDiffSelection(placedB.nodes, selection.b) : []), [placedB, selection.b])

  const stopAnimation = () => {
    if (animation.current !== null) cancelAnimationFrame(animation.current)
    animation.current = null
  }

  const moveTo = useCallback((target: Viewport, targetShift: Point) => {
    stopAnimation()
    const from = live.current
    const started = performance.now()
    // The frame timestamp is not on performance.now()'s clock everywhere (jsdom): read the clock.
    const step = () => {
      const t = Math.max(0, Math.min(1, (performance.now() - started) / ANIMATION_MS))
      const eased = 1 - (1 - t) ** 3
      setViewport({
        x: lerp(from.viewport.x, target.x, eased),
        y: lerp(from.viewport.y, target.y, eased),
        zoom: lerp(from.viewport.zoom, target.zoom, eased)
      })
      setShift({ x: lerp(from.shift.x, targetShift.x, eased), y: lerp(from.shift.y, targetShift.y, eased) })
      animation.current = t < 1 ? requestAnimationFrame(step) : null
    }
    animation.current = requestAnimationFrame(step)
  }, [])

  useEffect(() => stopAnimation, [])

  // First view: level on the common ancestor (or the first steps when the runs share none).
  const positionsA = sideA.positions
  const positionsB = sideB.positions
  useEffect(() => {
    if (initialised || !positionsA || !positionsB) return
    const anchor = view.commonAncestor
    const anchorA = (anchor !== null && positionsA.get(anchor)) || positionsA.get(runA.steps[0]?.id ?? '')
    const anchorB = (anchor !== null && positionsB.get(anchor)) || positionsB.get(runB.steps[0]?.id ?? '')
    const nextShift = anchorA && anchorB ? alignShift(anchorA, anchorB) : { x: 0, y: 0 }
    const pane = paneSizeOf(paneA.current)
    let next: Viewport | null = null
    if (runA.steps.length <= FIT_ALL_LIMIT && runB.steps.length <= FIT_ALL_LIMIT) {
      const bounds = boundsOf(positionsB.values(), nextShift, boundsOf(positionsA.values()))
      const fitted = bounds ? viewportFitting(bounds, pane) : null
      // Fitting a long chain would shrink the steps past reading: open on the ancestor instead.
      if (fitted && fitted.zoom >= READABLE_ZOOM) next = fitted
    }
    next ??= anchorA ? viewportCentredOn(anchorA, pane, 0.8, { x: 0.5, y: 0.3 }) : { x: 0, y: 0, zoom: 0.8 }
    // The first view needs the pane's measured size, which exists only after the commit.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setShift(nextShift)
    setViewport(next)
    setInitialised(true)
  }, [initialised, positionsA, positionsB, view.commonAncestor, runA.steps, runB.steps])

  // Walking the differences and clicking steps move both graphs.
  const handledFocus = useRef<number>(0)
  useEffect(() => {
    if (!initialised || !focus || focus.seq === handledFocus.current || !positionsA || !positionsB) return
    handledFocus.current = focus.seq
    const target = focusTarget(focus, positionsA, positionsB, live.current, paneSizeOf(paneA.current))
    if (target) moveTo(target.viewport, target.shift)
  }, [focus, initialised, positionsA, positionsB, moveTo])

  const onViewportA = useCallback((next: Viewport) => {
    stopAnimation()
    setViewport(next)
  }, [])
  const onViewportB = useCallback((next: Viewport) => {
    stopAnimation()
    setViewport(sharedFromB(next, live.current.shift))
  }, [])

  const viewportB = useMemo(() => viewportOfB(viewport, shift), [viewport, shift])
  const lowDetail = viewport.zoom < LOW_DETAIL_ZOOM
  const ready = initialised && placedA !== null && placedB !== null
  const error = sideA.error ?? sideB.error
  // The screen's data-diff-ready: both graphs placed and level, not merely loaded.
  useEffect(() => {
    for (const side of ['a', 'b'] as const) tineStore.getState().setDiffLayoutDone(side, ready)
  }, [ready])
  useEffect(
    () => () => {
      for (const side of ['a', 'b'] as const) tineStore.getState().setDiffLayoutDone(side, false)
    },
    []
  )
  return (
    <div className="diff-graphs" data-diff-graphs-ready={ready ? 'true' : 'false'}>
      {!ready && (
        <div className="diff-layout-progress" role="status" data-testid="diff-layout-progress">
          {error ? (
            <span className="error-text">Layout failed: {error}</span>
          ) : (
            <>
              <div className="progress" aria-hidden="true">
                <div className="progress-bar" />
              </div>
              Laying out {(runA.steps.length + runB.steps.length).toLocaleString('en-US')} steps…
            </>
          )}
        </div>
      )}
      <DiffGraph
        ref={paneA}
        side="a"
        run={runA}
        nodes={nodesA}
        edges={placedA?.edges ?? []}
        viewport={viewport}
        onViewportChange={onViewportA}
        ready={ready}
        lowDetail={lowDetail}
        dark={dark}
      />
      <DiffGraph
        side="b"
        run={runB}
        nodes={nodesB}
        edges={placedB?.edges ?? []}
        viewport={viewportB}
        onViewportChange={onViewportB}
        ready={ready}
        lowDetail={lowDetail}
        dark={dark}
      />
    </div>
  )
}

/** Where a focus request sends the shared viewport and B's shift. */
export function focusTarget(
  focus: DiffFocus,
  positionsA: Map<string, Point>,
  positionsB: Map<string, Point>,
  current: { viewport: Viewport; shift: Point },
  pane: PaneSize
): { viewport: Viewport; shift: Point } | null {
  const a = focus.a !== null ? positionsA.get(focus.a) : undefined
  const b = focus.b !== null ? positionsB.get(focus.b) : undefined
  if (!a && !b) return null
  // A one-sided step: the other pane shows its nearest shared step level with it, not empty canvas.
  const anchorA = !a && focus.anchor ? positionsA.get(focus.anchor) : undefined
  const anchorB = !b && focus.anchor ? positionsB.get(focus.anchor) : undefined
  const levelA = a ?? anchorA
  const levelB = b ?? anchorB
  const shift = levelA && levelB ? alignShift(levelA, levelB) : current.shift
  if (focus.kind === 'align') {
    if (!levelA || !levelB) return null
    // Keep the clicked side still on screen; only the other one slides.
    if (focus.origin === 'a') return { viewport: current.viewport, shift }
    return { viewport: sharedFromB(viewportOfB(current.viewport, current.shift), shift), shift }
  }
  const zoom = Math.max(current.viewport.zoom, FOCUS_ZOOM)
  if (a) {
    const stays =
      isVisible(a, current.viewport, pane) &&
      current.viewport.zoom >= FOCUS_ZOOM &&
      (!levelB || samePoint(shift, current.shift))
    return { viewport: stays ? current.viewport : viewportCentredOn(a, pane, zoom), shift }
  }
  return { viewport: sharedFromB(viewportCentredOn(b!, pane, zoom), shift), shift }
}

function samePoint(p: Point, q: Point): boolean {
  return Math.abs(p.x - q.x) < 0.5 && Math.abs(p.y - q.y) < 0.5
}
