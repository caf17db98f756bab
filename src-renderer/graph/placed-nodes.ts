/** Joins the graph with layout positions. Split from selection so a click copies one node, not all. */
import { NODE_HEIGHT, NODE_WIDTH } from './geometry'
import type { RunGraph, RunGraphEdge, RunGraphNode } from './build-run-graph'
import type { Point } from './layout-types'

/**
 * The placed copy of each graph node for the position it was placed at. A node that neither
 * changed nor moved keeps the very same object, so React Flow and the memoised node components
 * see nothing new when a live step is appended elsewhere.
 */
const placedCopies = new WeakMap<RunGraphNode, { position: Point; placed: RunGraphNode }>()

export function placeNodes(graph: RunGraph, positions: Map<string, Point>): { nodes: RunGraphNode[]; edges: RunGraphEdge[] } {
  const nodes: RunGraphNode[] = []
  const placed = new Set<string>()
  for (const node of graph.nodes) {
    const position = positions.get(node.id)
    // Steps that arrived after the last layout wait for the next one instead of piling up at 0,0.
    if (!position) continue
    placed.add(node.id)
    const known = placedCopies.get(node)
    if (known && known.position === position) nodes.push(known.placed)
    else {
      const copy = { ...node, position } as RunGraphNode
      placedCopies.set(node, { position, placed: copy })
      nodes.push(copy)
    }
  }
  const edges = graph.edges.filter((edge) => placed.has(edge.source) && placed.has(edge.target))
  return { nodes, edges }
}

export function withSelection(nodes: RunGraphNode[], selectedId: string | null): RunGraphNode[] {
  if (!selectedId) return nodes
  return nodes.map((node) => (node.id === selectedId ? ({ ...node, selected: true } as RunGraphNode) : node))
}

export function nodeCenter(position: Point): Point {
  return { x: position.x + NODE_WIDTH / 2, y: position.y + NODE_HEIGHT / 2 }
}
