/** Joins the graph with layout positions. Split from selection so a click copies one node, not all. */
import { NODE_HEIGHT, NODE_WIDTH } from './geometry'
import type { RunGraph, RunGraphEdge, RunGraphNode } from './build-run-graph'
import type { Point } from './layout-types'
import type { HeatScale } from '../views/heat'

export function placeNodes(graph: RunGraph, positions: Map<string, Point>): { nodes: RunGraphNode[]; edges: RunGraphEdge[] } {
  const nodes: RunGraphNode[] = []
  const placed = new Set<string>()
  for (const node of graph.nodes) {
    const position = positions.get(node.id)
    // Steps that arrived after the last layout wait for the next one instead of piling up at 0,0.
    if (!position) continue
    placed.add(node.id)
    nodes.push({ ...node, position } as RunGraphNode)
  }
  const edges = graph.edges.filter((edge) => placed.has(edge.source) && placed.has(edge.target))
  return { nodes, edges }
}

export function withSelection(nodes: RunGraphNode[], selectedId: string | null): RunGraphNode[] {
  if (!selectedId) return nodes
  return nodes.map((node) => (node.id === selectedId ? ({ ...node, selected: true } as RunGraphNode) : node))
}

/** Marks find matches and heat on the nodes; nodes with nothing to mark keep their identity. */
export function decorateNodes(nodes: RunGraphNode[], matches: ReadonlySet<string>, heat: HeatScale | null): RunGraphNode[] {
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
