/**
 * One viewport drives both graphs. It is expressed in A's coordinates; B is drawn shifted by
 * `shift` (graph units), so a pan or zoom on either side moves both by exactly the same amount
 * while the common ancestor (or the pair in view) stays level on both sides.
 */
import type { Viewport } from '@xyflow/react'
import { NODE_HEIGHT, NODE_WIDTH } from '../graph/geometry'
import type { Point } from '../graph/layout-types'

export interface PaneSize {
  width: number
  height: number
}

export function viewportOfB(shared: Viewport, shift: Point): Viewport {
  return { x: shared.x + shift.x * shared.zoom, y: shared.y + shift.y * shared.zoom, zoom: shared.zoom }
}

export function sharedFromB(viewportB: Viewport, shift: Point): Viewport {
  return { x: viewportB.x - shift.x * viewportB.zoom, y: viewportB.y - shift.y * viewportB.zoom, zoom: viewportB.zoom }
}

/** The shift that draws B's `b` exactly where A's `a` is. */
export function alignShift(a: Point, b: Point): Point {
  return { x: a.x - b.x, y: a.y - b.y }
}

/** Puts a node's centre at a fraction of the pane (0.5, 0.5 = the middle). */
export function viewportCentredOn(
  node: Point,
  pane: PaneSize,
  zoom: number,
  fraction: Point = { x: 0.5, y: 0.5 }
): Viewport {
  return {
    x: pane.width * fraction.x - (node.x + NODE_WIDTH / 2) * zoom,
    y: pane.height * fraction.y - (node.y + NODE_HEIGHT / 2) * zoom,
    zoom
  }
}

export interface Bounds {
  minX: number
  minY: number
  maxX: number
  maxY: number
}

export function boundsOf(points: Iterable<Point>, offset: Point = { x: 0, y: 0 }, into?: Bounds): Bounds | undefined {
  let bounds = into
  for (const point of points) {
    const x = point.x + offset.x
    const y = point.y + offset.y
    if (!bounds) bounds = { minX: x, minY: y, maxX: x + NODE_WIDTH, maxY: y + NODE_HEIGHT }
    else {
      bounds.minX = Math.min(bounds.minX, x)
      bounds.minY = Math.min(bounds.minY, y)
      bounds.maxX = Math.max(bounds.maxX, x + NODE_WIDTH)
      bounds.maxY = Math.max(bounds.maxY, y + NODE_HEIGHT)
    }
  }
  return bounds
}

/** Fits the bounds in the pane with a margin, never zooming in past `maxZoom`. */
export function viewportFitting(bounds: Bounds, pane: PaneSize, maxZoom = 1.1, padding = 0.12): Viewport {
  const width = Math.max(1, bounds.maxX - bounds.minX)
  const height = Math.max(1, bounds.maxY - bounds.minY)
  const zoom = Math.max(
    0.05,
    Math.min(maxZoom, (pane.width * (1 - 2 * padding)) / width, (pane.height * (1 - 2 * padding)) / height)
  )
  return {
    x: pane.width / 2 - (bounds.minX + width / 2) * zoom,
    y: pane.height / 2 - (bounds.minY + height / 2) * zoom,
    zoom
  }
}

/** Whether a node lies fully inside the pane under a viewport. */
export function isVisible(node: Point, viewport: Viewport, pane: PaneSize): boolean {
  const left = node.x * viewport.zoom + viewport.x
  const top = node.y * viewport.zoom + viewport.y
  return (
    left >= 0 &&
    top >= 0 &&
    left + NODE_WIDTH * viewport.zoom <= pane.width &&
    top + NODE_HEIGHT * viewport.zoom <= pane.height
  )
}
