/** Joins the graph with layout positions. Split from selection so a click copies one node, not all. */
import { NODE_HEIGHT, NODE_WIDTH } from './geometry'
import type { RunGraph, RunGraphEdge, RunGraphNode } from './build-run-graph'
import type { Point } from './layout-types'
import type { HeatScale } from '../views/heat'

/**
 * The placed copy of each graph node for the position it was placed at. A node that neither
 * changed nor moved keeps the very same object, so React Flow and the memoised node components
 * see nothing new when a live step is appended elsewhere.
 */
const placedCopies = new WeakMap<RunGraphNode, { position: Point; placed: RunGraphNode }>()

interface Placed {
  nodes: RunGraphNode[]
  edges: RunGraphEdge[]
}

/**
 * The last placement, which a graph grown by appended steps (at unchanged earlier positions)
 * extends. The counts are the graph's at placement time: a grown graph may share its arrays.
 */
let last: {
  graph: RunGraph
  nodeCount: number
  edgeCount: number
  positions: Map<string, Point>
  moved: Map<string, Point>
  placed: Placed
} | null = null

/**
 * The earlier result with the appended nodes and edges added, or null when it does not apply.
 * The two arrays are new (React Flow sees a change by identity); the work besides is the new steps'.
 */
function extendPlacement(graph: RunGraph, positions: Map<string, Point>): Placed | null {
  if (!last || last.positions !== positions) return null
  const before = last.graph
  const { nodeCount: count, edgeCount } = last
  // Only a placement that left nothing out, of a graph that starts with the very same nodes.
  if (
    count === 0 ||
    graph.nodes.length < count ||
    graph.edges.length < edgeCount ||
    last.placed.nodes.length !== count ||
    last.placed.edges.length !== edgeCount
  )
    return null
  if (
    graph.nodes[0] !== before.nodes[0] ||
    graph.nodes[count - 1] !== before.nodes[count - 1] ||
    (edgeCount > 0 && graph.edges[edgeCount - 1] !== before.edges[edgeCount - 1])
  )
    return null
  // The layout may only have added positions, never moved the earlier ones.
  for (const [id, point] of last.moved) if (positions.get(id) !== point) return null
  const nodes = last.placed.nodes.slice()
  for (let i = count; i < graph.nodes.length; i++) {
    const node = graph.nodes[i]
    const position = positions.get(node.id)
    if (!position) return null
    nodes.push(placedCopy(node, position))
  }
  const edges = last.placed.edges.slice()
  for (let i = edgeCount; i < graph.edges.length; i++) edges.push(graph.edges[i])
  return { nodes, edges }
}

function placedCopy(node: RunGraphNode, position: Point): RunGraphNode {
  const known = placedCopies.get(node)
  if (known && known.position === position) return known.placed
  const copy = { ...node, position } as RunGraphNode
  placedCopies.set(node, { position, placed: copy })
  return copy
}

export function placeNodes(graph: RunGraph, positions: Map<string, Point>): Placed {
  const extended = extendPlacement(graph, positions)
  if (extended) {
    last = { ...counts(graph), graph, positions, moved: last!.moved, placed: extended }
    return extended
  }
  const placed = placeAll(graph, positions)
  // A few positions stand for all of them in the check above: the first, the last, and every tenth.
  const moved = new Map<string, Point>()
  for (let i = 0; i < graph.nodes.length; i += Math.max(1, Math.floor(graph.nodes.length / 10))) {
    const id = graph.nodes[i].id
    const point = positions.get(id)
    if (point) moved.set(id, point)
  }
  last = { ...counts(graph), graph, positions, moved, placed }
  return placed
}

function counts(graph: RunGraph): { nodeCount: number; edgeCount: number } {
  return { nodeCount: graph.nodes.length, edgeCount: graph.edges.length }
}

function placeAll(graph: RunGraph, positions: Map<string, Point>): Placed {
  const nodes: RunGraphNode[] = []
  let unplaced: Set<string> | null = null
  for (const node of graph.nodes) {
    const position = positions.get(node.id)
    // Steps that arrived after the last layout wait for the next one instead of piling up at 0,0.
    if (!position) {
      unplaced ??= new Set<string>()
      unplaced.add(node.id)
      continue
    }
    nodes.push(placedCopy(node, position))
  }
  // Every edge joins two of the graph's nodes; usually all are placed and so are all edges.
  const waiting = unplaced
  const edges = waiting
    ? graph.edges.filter((edge) => !waiting.has(edge.source) && !waiting.has(edge.target))
    : graph.edges.slice()
  return { nodes, edges }
}

export function withSelection(nodes: RunGraphNode[], selectedId: string | null): RunGraphNode[] {
  if (!selectedId) return nodes
  return nodes.map((node) => (node.id === selectedId ? ({ ...node, selected: true } as RunGraphNode) : node))
}

/** Marks find matches and heat on the nodes; nodes with nothing to mark keep their identity. */
export function decorateNodes(
  nodes: RunGraphNode[],
  matches: ReadonlySet<string>,
  heat: HeatScale | null
): RunGraphNode[] {
  if (matches.size === 0 && !heat) return nodes
  return nodes.map((node) => {
    const match = matches.has(node.id)
    const intensity = heat?.byId.get(node.id)?.intensity
    if (!match && intensity === undefined) return node
    return { ...node, data: { ...node.data, match, heat: intensity } } as RunGraphNode
  })
}

export function nodeCenter(position: Point): Point {
  return { x: position.x + NODE_WIDTH / 2, y: position.y + NODE_HEIGHT / 2 }
}
