/**
 * One side of the diff as React Flow nodes: the explorer's own graph (same nodes, same fixed
 * sizes, same layout engine) with each step's diff state added. Pure, so it is tested directly.
 */
import type { Node } from '@xyflow/react'
import type { RunGraph, RunGraphEdge, StepNodeData } from '../graph/build-run-graph'
import type { Point } from '../graph/layout-types'
import { placeNodes } from '../graph/placed-nodes'
import type { DiffStepState, DiffView } from '../../src-shared/run/diff/diff-view-model'
import { stateOf, type DiffSide } from './diff-lookup'

export interface DiffNodeData extends StepNodeData {
  diffState: DiffStepState
  isError: boolean
  firstDivergence: boolean
}

export type DiffFlowNode = Node<DiffNodeData, 'diffStep'>

export function firstDivergenceOf(view: DiffView, side: DiffSide): string | null {
  return side === 'a' ? view.firstDivergence.a : view.firstDivergence.b
}

function nodeClass(state: DiffStepState, first: boolean): string {
  return first ? `diff-${state} diff-first-divergence` : `diff-${state}`
}

/** Placed nodes and edges of one side, tagged with their diff state; steps not yet laid out wait. */
export function buildDiffNodes(
  graph: RunGraph,
  positions: Map<string, Point>,
  view: DiffView,
  side: DiffSide
): { nodes: DiffFlowNode[]; edges: RunGraphEdge[] } {
  const placed = placeNodes(graph, positions)
  const first = firstDivergenceOf(view, side)
  const states = new Map<string, DiffStepState>()
  const nodes = placed.nodes.map((node): DiffFlowNode => {
    // A step the view does not know (the file grew since the diff was made) is drawn as one-sided.
    const state = stateOf(view, side, node.id) ?? (side === 'a' ? 'only-a' : 'only-b')
    states.set(node.id, state)
    const isFirst = node.id === first
    return {
      ...node,
      type: 'diffStep',
      className: nodeClass(state, isFirst),
      domAttributes: { 'data-diff-state': state } as DiffFlowNode['domAttributes'],
      data: { ...node.data, isError: node.type === 'errorStep', diffState: state, firstDivergence: isFirst }
    }
  })
  const edges = placed.edges.map((edge): RunGraphEdge => {
    const dim = states.get(edge.source) === 'shared' && states.get(edge.target) === 'shared'
    return dim ? { ...edge, className: `${edge.className ?? ''} diff-edge-shared`.trim() } : edge
  })
  return { nodes, edges }
}

export function withDiffSelection(nodes: DiffFlowNode[], selectedId: string | null): DiffFlowNode[] {
  if (!selectedId) return nodes
  return nodes.map((node) => (node.id === selectedId ? { ...node, selected: true } : node))
}
