/** The structure a layout needs: ids in graph order and, per step, the indices of its parents. */
export interface LayoutGraph {
  ids: string[]
  parents: number[][]
}

export interface Point {
  x: number
  y: number
}

/** Top-left corner of every node, aligned with `LayoutGraph.ids`. */
export interface LayoutCoordinates {
  x: Float64Array
  y: Float64Array
}

export type LayoutAlgorithm = 'elk' | 'fast'

export function positionsById(graph: LayoutGraph, coordinates: LayoutCoordinates): Map<string, Point> {
  const positions = new Map<string, Point>()
  graph.ids.forEach((id, index) => positions.set(id, { x: coordinates.x[index], y: coordinates.y[index] }))
  return positions
}
