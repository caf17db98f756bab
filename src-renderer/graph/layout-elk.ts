/**
 * Layered, top-down layout with elk for runs of ordinary size. elk crosses fewer edges than the
 * lane layout but is far too slow for tens of thousands of steps (see FAST_LAYOUT_THRESHOLD).
 */
import type { ELK as ElkEngine, ElkNode } from 'elkjs/lib/elk-api'
import { GAP_X, GAP_Y, NODE_HEIGHT, NODE_WIDTH } from './geometry'
import type { LayoutCoordinates, LayoutGraph } from './layout-types'

export const ELK_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.spacing.nodeNode': String(GAP_X),
  'elk.layered.spacing.nodeNodeBetweenLayers': String(GAP_Y),
  // Keep graph order where it costs nothing: steps of one branch stay in reading order.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.randomSeed': '1'
}

export function elkGraph(graph: LayoutGraph): ElkNode {
  const edges: NonNullable<ElkNode['edges']> = []
  graph.parents.forEach((parents, child) => {
    // A step may name the same parent twice; elk wants each edge once.
    for (const parent of new Set(parents)) {
      if (parent === child) continue
      edges.push({ id: `e${edges.length}`, sources: [graph.ids[parent]], targets: [graph.ids[child]] })
    }
  })
  return {
    id: '__run__',
    layoutOptions: ELK_OPTIONS,
    children: graph.ids.map((id) => ({ id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges
  }
}

export async function elkLayout(graph: LayoutGraph, elk: ElkEngine): Promise<LayoutCoordinates> {
  const result = await elk.layout(elkGraph(graph))
  const byId = new Map<string, ElkNode>()
  for (const child of result.children ?? []) byId.set(child.id, child)
  const x = new Float64Array(graph.ids.length)
  const y = new Float64Array(graph.ids.length)
  graph.ids.forEach((id, index) => {
    const node = byId.get(id)
    x[index] = node?.x ?? 0
    y[index] = node?.y ?? 0
  })
  return { x, y }
}
