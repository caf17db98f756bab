/**
 * The first viewport of a run: the whole run when that keeps labels readable, otherwise a readable
 * zoom centred on the step that matters. Overlays (toolbar, minimap, controls) sit in bands at the
 * top and bottom of the pane; the view is placed in the safe area between them, so nothing covers it.
 */
import type { RunView } from '../../src-shared/api/types'
import { NODE_HEIGHT, NODE_WIDTH } from './geometry'
import type { Point } from './layout-types'

/** The smallest text on a node is 11 px (kind, index, cost): at this zoom it is still 9 px on screen. */
export const MIN_READABLE_ZOOM = 9 / 11
/** Zoom of a focused (not fitted) first view: the node's own size. */
export const FOCUS_ZOOM = 1
const FIT_MAX_ZOOM = 1.1
const MARGIN = 16

export interface SafeArea {
  left: number
  top: number
  right: number
  bottom: number
}

export interface Viewport {
  x: number
  y: number
  zoom: number
}

export interface FirstView {
  viewport: Viewport
  /** The step centred on, or null when the whole run is fitted. */
  focus: string | null
}

/** The selected step, else the fork point, else the first error, else the first step. */
export function focusStepOf(
  run: Pick<RunView, 'steps' | 'forkPoint' | 'refs'>,
  selected: string | null,
  placed: (id: string) => boolean
): string | null {
  if (selected && placed(selected)) return selected
  const forkPoint = run.forkPoint ?? run.refs.fork_point ?? null
  if (forkPoint && placed(forkPoint)) return forkPoint
  const error = run.steps.find((step) => step.isError && placed(step.id))
  if (error) return error.id
  return run.steps.find((step) => placed(step.id))?.id ?? null
}

function boundsOf(positions: Map<string, Point>): { minX: number; minY: number; maxX: number; maxY: number } | null {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const { x, y } of positions.values()) {
    if (x < minX) minX = x
    if (y < minY) minY = y
    if (x > maxX) maxX = x
    if (y > maxY) maxY = y
  }
  if (!Number.isFinite(minX)) return null
  return { minX, minY, maxX: maxX + NODE_WIDTH, maxY: maxY + NODE_HEIGHT }
}

/** A viewport that puts the node at `position` in the middle of the safe area at `zoom`. */
export function centredOn(position: Point, safe: SafeArea, zoom: number): Viewport {
  const cx = (safe.left + safe.right) / 2
  const cy = (safe.top + safe.bottom) / 2
  return { x: cx - (position.x + NODE_WIDTH / 2) * zoom, y: cy - (position.y + NODE_HEIGHT / 2) * zoom, zoom }
}

/** The largest zoom, up to `limit`, at which a whole node fits in the safe area. */
export function nodeFitZoom(safe: SafeArea, limit: number): number {
  const width = safe.right - safe.left - 2 * MARGIN
  const height = safe.bottom - safe.top - 2 * MARGIN
  return Math.max(0.05, Math.min(limit, width / NODE_WIDTH, height / NODE_HEIGHT))
}

export function firstView(positions: Map<string, Point>, safe: SafeArea, focus: string | null): FirstView {
  const bounds = boundsOf(positions)
  const width = safe.right - safe.left - 2 * MARGIN
  const height = safe.bottom - safe.top - 2 * MARGIN
  if (bounds && width > 0 && height > 0) {
    const zoom = Math.min(FIT_MAX_ZOOM, width / (bounds.maxX - bounds.minX), height / (bounds.maxY - bounds.minY))
    if (zoom >= MIN_READABLE_ZOOM) {
      const x = safe.left + MARGIN + (width - (bounds.maxX - bounds.minX) * zoom) / 2 - bounds.minX * zoom
      const y = safe.top + MARGIN + (height - (bounds.maxY - bounds.minY) * zoom) / 2 - bounds.minY * zoom
      return { viewport: { x, y, zoom }, focus: null }
    }
  }
  const at = focus ? positions.get(focus) : undefined
  const zoom = Math.max(MIN_READABLE_ZOOM, Math.min(FOCUS_ZOOM, nodeFitZoom(safe, FOCUS_ZOOM)))
  if (!at) return { viewport: { x: safe.left, y: safe.top, zoom }, focus: null }
  return { viewport: centredOn(at, safe, zoom), focus }
}

/** Whether a node at `position` lies wholly inside the safe area under `viewport`. */
export function nodeInside(position: Point, viewport: Viewport, safe: SafeArea): boolean {
  const left = position.x * viewport.zoom + viewport.x
  const top = position.y * viewport.zoom + viewport.y
  return (
    left >= safe.left &&
    top >= safe.top &&
    left + NODE_WIDTH * viewport.zoom <= safe.right &&
    top + NODE_HEIGHT * viewport.zoom <= safe.bottom
  )
}
