/**
 * The timeline cut into fixed-width columns ("chunks") for horizontal virtualisation: each chunk
 * knows the bars, or pieces of bars, that fall inside it, so only the columns on screen are drawn.
 */
import type { TimelineModel } from './timeline-model'

export const CHUNK_PX = 640
/** Bars are at least this wide, so an instant step stays clickable. */
export const MIN_BAR_PX = 4
/** Browsers stop laying out elements far beyond this width. */
export const MAX_TIMELINE_PX = 8_000_000

export interface TimelineChunks {
  pxPerSecond: number
  width: number
  /** Per chunk, the step indices whose bars touch it (in start order). */
  members: Int32Array[]
  barLeft: Float64Array
  barWidth: Float64Array
}

export function clampScale(model: TimelineModel, pxPerSecond: number): number {
  const span = Math.max(model.span, 1e-6)
  const upper = MAX_TIMELINE_PX / span
  return Math.max(1e-6, Math.min(pxPerSecond, upper))
}

/** Readable by default: the median bar gets about 48 px, unless the whole run already fits wider. */
export function defaultScale(model: TimelineModel, viewportWidth: number): number {
  const durations: number[] = []
  const stride = Math.max(1, Math.floor(model.order.length / 2000))
  for (let k = 0; k < model.order.length; k += stride) {
    const i = model.order[k]
    const duration = model.end[i] - model.start[i]
    if (duration > 0) durations.push(duration)
  }
  durations.sort((a, b) => a - b)
  const median = durations.length ? durations[Math.floor(durations.length / 2)] : 1
  const fit = model.span > 0 ? (viewportWidth - 40) / model.span : 50
  return clampScale(model, Math.max(fit, 48 / median))
}

export function buildChunks(model: TimelineModel, pxPerSecond: number): TimelineChunks {
  const count = model.order.length
  const barLeft = new Float64Array(count)
  const barWidth = new Float64Array(count)
  let width = 0
  for (let i = 0; i < count; i++) {
    barLeft[i] = model.start[i] * pxPerSecond
    barWidth[i] = Math.max(MIN_BAR_PX, (model.end[i] - model.start[i]) * pxPerSecond)
    width = Math.max(width, barLeft[i] + barWidth[i])
  }
  const chunkCount = Math.max(1, Math.ceil(width / CHUNK_PX))
  const sizes = new Int32Array(chunkCount)
  for (let i = 0; i < count; i++) {
    const first = Math.floor(barLeft[i] / CHUNK_PX)
    const last = Math.min(chunkCount - 1, Math.floor((barLeft[i] + barWidth[i] - 0.001) / CHUNK_PX))
    for (let c = first; c <= last; c++) sizes[c]++
  }
  const members = Array.from(sizes, (size) => new Int32Array(size))
  const filled = new Int32Array(chunkCount)
  for (let k = 0; k < count; k++) {
    const i = model.order[k]
    const first = Math.floor(barLeft[i] / CHUNK_PX)
    const last = Math.min(chunkCount - 1, Math.floor((barLeft[i] + barWidth[i] - 0.001) / CHUNK_PX))
    for (let c = first; c <= last; c++) members[c][filled[c]++] = i
  }
  return { pxPerSecond, width: chunkCount * CHUNK_PX, members, barLeft, barWidth }
}
