/** Which layout a run gets, and the one entry point both the worker and the inline fallback use. */
import type { ELK as ElkEngine } from 'elkjs/lib/elk-api'
import { elkLayout } from './layout-elk'
import { fastLayout } from './layout-fast'
import type { LayoutAlgorithm, LayoutCoordinates, LayoutGraph } from './layout-types'

/** elk needs about 1 s per 1,500 steps here; beyond this the lane layout keeps a run interactive. */
export const FAST_LAYOUT_THRESHOLD = 2000

export function chooseAlgorithm(stepCount: number): LayoutAlgorithm {
  return stepCount > FAST_LAYOUT_THRESHOLD ? 'fast' : 'elk'
}

export async function computeLayout(
  graph: LayoutGraph,
  algorithm: LayoutAlgorithm,
  loadElk: () => Promise<ElkEngine>
): Promise<LayoutCoordinates> {
  if (algorithm === 'fast' || graph.ids.length === 0) return fastLayout(graph)
  return elkLayout(graph, await loadElk())
}
