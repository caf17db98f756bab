/**
 * For a big graph, React Flow is handed only the steps around the view, not all of them. With
 * onlyRenderVisibleElements it still walks every node and every edge it holds on each frame of a
 * pan or zoom to find the visible ones; the window keeps that walk to a few hundred steps, and is
 * moved (a new, larger set handed over) only when the view leaves it.
 */
import { getViewportForBounds, type Viewport } from '@xyflow/react'
import { useCallback, useMemo, useRef, useState } from 'react'
import type { Edge } from '@xyflow/react'
import type { DotFlowNode, RunGraphNode } from './build-run-graph'
import { NODE_HEIGHT, NODE_WIDTH } from './geometry'
import { READ_ONLY_GRAPH_PROPS } from './graph-props'
import type { Point } from './layout-types'

/** Graphs with more steps than this hand React Flow a window of them (the run graph and each side of a diff). */
export const WINDOWED_GRAPH_STEPS = 2000

/** What the window needs of a node: where it is. */
interface PlacedNode {
  id: string
  position: Point
}

/** A rectangle in flow coordinates. */
export interface FlowRect {
  x: number
  y: number
  width: number
  height: number
}

export interface PaneSize {
  width: number
  height: number
}

/** The part of the flow the pane shows at `viewport`. */
export function visibleRect(viewport: Viewport, pane: PaneSize): FlowRect {
  return {
    x: -viewport.x / viewport.zoom,
    y: -viewport.y / viewport.zoom,
    width: pane.width / viewport.zoom,
    height: pane.height / viewport.zoom
  }
}

/** The window for a view: the view and one view's size more on every side. */
export function windowAround(view: FlowRect): FlowRect {
  return { x: view.x - view.width, y: view.y - view.height, width: view.width * 3, height: view.height * 3 }
}

/** The pane's size; 0 x 0 where there is no layout (a hidden pane, a test DOM). */
export function paneSizeOf(element: HTMLElement | null): PaneSize {
  return { width: element?.clientWidth ?? 0, height: element?.clientHeight ?? 0 }
}

/** The box around nodes placed at `points`, or null for none. */
function boundsOfPoints(points: Iterable<Point>): FlowRect | null {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const { x, y } of points) {
    minX = Math.min(minX, x)
    minY = Math.min(minY, y)
    maxX = Math.max(maxX, x + NODE_WIDTH)
    maxY = Math.max(maxY, y + NODE_HEIGHT)
  }
  return Number.isFinite(minX) ? { x: minX, y: minY, width: maxX - minX, height: maxY - minY } : null
}

/**
 * The viewport that shows every node placed at `points`: what "fit view" does for a windowed
 * graph, where React Flow's own fit would fit only the window it holds.
 */
export function viewportFittingAll(points: Iterable<Point>, pane: PaneSize): Viewport | null {
  const bounds = boundsOfPoints(points)
  if (!bounds) return null
  const { minZoom, maxZoom } = READ_ONLY_GRAPH_PROPS
  return getViewportForBounds(bounds, pane.width, pane.height, minZoom, maxZoom, 0.1)
}

export function covers(outer: FlowRect, inner: FlowRect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  )
}

/**
 * The window still serves the view: it covers it, and is not far bigger than the view's own
 * window (after zooming back in, or an animated pan that zoomed out on the way, a window kept
 * from the zoomed-out view would hand React Flow most of the run again).
 */
export function fits(window: FlowRect, view: FlowRect): boolean {
  return covers(window, view) && window.width <= view.width * 6
}

function nodeInside(node: PlacedNode, rect: FlowRect): boolean {
  const { x, y } = node.position
  return x + NODE_WIDTH >= rect.x && x <= rect.x + rect.width && y + NODE_HEIGHT >= rect.y && y <= rect.y + rect.height
}

/**
 * The nodes inside `rect` and every edge that touches one of them, with the node at the edge's
 * other end (off screen, so the edge is drawn all the way). Earlier node objects are kept as they are.
 */
export function insideWindow<N extends PlacedNode, E extends Edge>(
  nodes: N[],
  edges: E[],
  rect: FlowRect
): { nodes: N[]; edges: E[] } {
  const byId = new Map<string, N>()
  const kept = new Set<string>()
  for (const node of nodes) {
    byId.set(node.id, node)
    if (nodeInside(node, rect)) kept.add(node.id)
  }
  const inside = new Set(kept)
  const keptEdges: E[] = []
  for (const edge of edges) {
    if (!inside.has(edge.source) && !inside.has(edge.target)) continue
    if (!byId.has(edge.source) || !byId.has(edge.target)) continue
    keptEdges.push(edge)
    kept.add(edge.source)
    kept.add(edge.target)
  }
  // In the graph's order, so React Flow's order (and so the DOM's) does not depend on the window.
  return { nodes: nodes.filter((node) => kept.has(node.id)), edges: keptEdges }
}

const NOTHING_YET = { nodes: [], edges: [] }

/**
 * The nodes and edges to hand React Flow, and `track`, to be called with every viewport (from
 * onMove and wherever the app sets one). Disabled, it hands everything over; enabled, it hands
 * nothing before the first viewport of `file`: React Flow indexes every node and edge it is given,
 * which for 100,000 steps costs more than a second the user would spend waiting for a first view
 * that shows a few dozen of them.
 */
export function useGraphWindow<N extends PlacedNode, E extends Edge>(
  enabled: boolean,
  file: string,
  nodes: N[],
  edges: E[]
): { nodes: N[]; edges: E[]; track(viewport: Viewport, pane: PaneSize): void } {
  const [frame, setFrame] = useState<{ file: string; rect: FlowRect } | null>(null)
  // Read on every frame of a pan: a ref, so that a view still inside the window costs no render.
  const latest = useRef<{ file: string; rect: FlowRect } | null>(null)
  const track = useCallback(
    (viewport: Viewport, pane: PaneSize) => {
      if (!enabled || pane.width === 0 || pane.height === 0) return
      const view = visibleRect(viewport, pane)
      const current = latest.current
      if (current && current.file === file && fits(current.rect, view)) return
      latest.current = { file, rect: windowAround(view) }
      setFrame(latest.current)
    },
    [enabled, file]
  )
  const rect = enabled && frame && frame.file === file ? frame.rect : null
  const windowed = useMemo(() => {
    if (!enabled) return { nodes, edges }
    return rect ? insideWindow(nodes, edges, rect) : NOTHING_YET
  }, [enabled, rect, nodes, edges])
  return { ...windowed, track }
}

const dots = new WeakMap<RunGraphNode, RunGraphNode>()

/** The nodes drawn as StepDots (zoomed out past reading); each node keeps one dot object. */
export function asDots(nodes: RunGraphNode[]): RunGraphNode[] {
  return nodes.map((node) => {
    let dot = dots.get(node)
    if (!dot) {
      dot = { ...node, type: 'stepDot' } as DotFlowNode
      dots.set(node, dot)
    }
    return dot
  })
}
