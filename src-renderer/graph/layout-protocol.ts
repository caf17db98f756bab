/** Messages between the renderer and the layout worker. Coordinates travel as transferable arrays. */
import type { LayoutAlgorithm, LayoutGraph } from './layout-types'

export interface LayoutRequest {
  requestId: number
  graph: LayoutGraph
  algorithm: LayoutAlgorithm
}

export type LayoutReply =
  | { requestId: number; ok: true; x: Float64Array; y: Float64Array; millis: number }
  | { requestId: number; ok: false; error: string }
