/**
 * Places steps appended to an already laid-out graph without laying it out again: every earlier
 * node keeps its position (nothing on screen moves while an agent adds steps) and each new step
 * goes one row below its lowest parent, in its primary parent's column, or the nearest free
 * column to the right. The cost depends on the new steps only.
 */
import { GAP_X, GAP_Y, NODE_HEIGHT, NODE_WIDTH } from './geometry'
import type { LayoutGraph, Point } from './layout-types'

const ROW = NODE_HEIGHT + GAP_Y
const COLUMN = NODE_WIDTH + GAP_X

export interface PlacedLayout {
  graph: LayoutGraph
  /**
   * How many of `graph`'s steps are placed. A graph grown by live steps may share its arrays with
   * the one it grew from (see build-run-graph.ts), so its length is not the placed count.
   */
  count: number
  positions: Map<string, Point>
  /** Node x positions by row band, to find a free spot without scanning every node. */
  bands: Map<number, number[]>
}

function bandOf(y: number): number {
  return Math.floor(y / ROW)
}

function addToBands(bands: Map<number, number[]>, point: Point): void {
  const band = bandOf(point.y)
  const xs = bands.get(band)
  if (xs) xs.push(point.x)
  else bands.set(band, [point.x])
}

/** `count`: how many of the graph's steps `positions` was laid out for (all of them unless it has grown since). */
export function placedLayout(
  graph: LayoutGraph,
  positions: Map<string, Point>,
  count = graph.ids.length
): PlacedLayout {
  const bands = new Map<number, number[]>()
  for (const point of positions.values()) addToBands(bands, point)
  return { graph, count, positions, bands }
}

function overlaps(bands: Map<number, number[]>, x: number, y: number): boolean {
  const band = bandOf(y)
  for (let b = band - 1; b <= band + 1; b++) {
    for (const other of bands.get(b) ?? []) if (Math.abs(other - x) < COLUMN - GAP_X / 2) return true
  }
  return false
}

/**
 * True when `graph` is the first `count` steps of `previous` with steps appended (same ids in the
 * same order in front). A graph grown in place shares the arrays it grew from: that needs no
 * look at the prefix, so a live step's check does not grow with the run.
 */
export function extendsLayout(previous: LayoutGraph, graph: LayoutGraph, count = previous.ids.length): boolean {
  if (count === 0 || graph.ids.length <= count) return false
  if (graph.ids === previous.ids && graph.parents === previous.parents) return true
  for (let i = 0; i < count; i++) {
    if (graph.ids[i] !== previous.ids[i] || graph.parents[i].length !== previous.parents[i].length) return false
  }
  return true
}

/**
 * The layout of `graph` grown from `previous`, or null when `graph` is not an extension of it.
 * `previous` is updated in place and returned as the new layout.
 */
export function extendLayout(previous: PlacedLayout, graph: LayoutGraph): PlacedLayout | null {
  if (!extendsLayout(previous.graph, graph, previous.count)) return null
  const { positions, bands } = previous
  let right = 0
  for (let index = previous.count; index < graph.ids.length; index++) {
    const parents = graph.parents[index]
      .map((parent) => positions.get(graph.ids[parent]))
      .filter((point): point is Point => point !== undefined)
    let x: number
    let y: number
    if (parents.length === 0) {
      // A new root starts its own column to the right of everything.
      if (right === 0) for (const point of positions.values()) right = Math.max(right, point.x + COLUMN)
      x = right
      y = 0
      right += COLUMN
    } else {
      const primary = parents[parents.length - 1]
      x = primary.x
      y = Math.max(...parents.map((point) => point.y)) + ROW
    }
    while (overlaps(bands, x, y)) x += COLUMN
    const point = { x, y }
    positions.set(graph.ids[index], point)
    addToBands(bands, point)
  }
  return { graph, count: graph.ids.length, positions, bands }
}
