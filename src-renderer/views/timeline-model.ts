/**
 * The timeline's geometry, computed once per run structure: each step's start and end on a time axis
 * where long idle gaps are shortened, and a lane per step so that steps running at the same time sit
 * on separate rows. Pure and linear-ish (a sort plus a lane heap), so it stays fast at 100,000 steps.
 */
import type { StepSummary } from '../../src-shared/api/types'

export interface IdleGap {
  /** Where the shortened gap starts on the compressed axis (seconds). */
  at: number
  /** How long it is drawn (compressed seconds). */
  drawn: number
  /** How long the idle time really was (seconds). */
  real: number
}

export interface TimelineModel {
  /** Step indices (into run.steps) by start time. */
  order: Int32Array
  /** Per step index, on the compressed axis in seconds from the first start. */
  start: Float64Array
  end: Float64Array
  lane: Int32Array
  laneCount: number
  /** Length of the compressed axis (seconds). */
  span: number
  gaps: IdleGap[]
  /** Steps whose own timestamp was missing and were placed after the previous step. */
  estimated: number
}

/** A gap of no activity longer than this many times the median step is shortened. */
const GAP_FACTOR = 20
/** ... and never a gap shorter than this (seconds). */
const MIN_GAP_SECONDS = 30

function median(values: Float64Array): number {
  if (values.length === 0) return 0
  const sorted = values.slice().sort()
  return sorted[Math.floor(sorted.length / 2)]
}

/** A binary min-heap of [key, lane] pairs (key: when a busy lane frees up, or the lane number itself). */
class LaneHeap {
  private readonly ends: number[] = []
  private readonly lanes: number[] = []
  get size(): number {
    return this.ends.length
  }
  peekEnd(): number {
    return this.ends[0]
  }
  push(end: number, lane: number): void {
    this.ends.push(end)
    this.lanes.push(lane)
    let i = this.ends.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.less(parent, i)) break
      this.swap(i, parent)
      i = parent
    }
  }
  pop(): number {
    const lane = this.lanes[0]
    const lastEnd = this.ends.pop()!
    const lastLane = this.lanes.pop()!
    if (this.ends.length > 0) {
      this.ends[0] = lastEnd
      this.lanes[0] = lastLane
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        const right = left + 1
        let smallest = i
        if (left < this.ends.length && this.less(left, smallest)) smallest = left
        if (right < this.ends.length && this.less(right, smallest)) smallest = right
        if (smallest === i) break
        this.swap(i, smallest)
        i = smallest
      }
    }
    return lane
  }
  private less(a: number, b: number): boolean {
    return this.ends[a] < this.ends[b] || (this.ends[a] === this.ends[b] && this.lanes[a] < this.lanes[b])
  }
  private swap(a: number, b: number): void {
    const end = this.ends[a]
    this.ends[a] = this.ends[b]
    this.ends[b] = end
    const lane = this.lanes[a]
    this.lanes[a] = this.lanes[b]
    this.lanes[b] = lane
  }
}

export function buildTimeline(steps: readonly StepSummary[]): TimelineModel {
  const count = steps.length
  const realStart = new Float64Array(count)
  const realEnd = new Float64Array(count)
  let estimated = 0
  let previousEnd = 0
  for (let i = 0; i < count; i++) {
    const step = steps[i]
    const duration = Number.isFinite(step.duration) && step.duration > 0 ? step.duration : 0
    let start = step.timestamp
    if (!Number.isFinite(start) || start <= 0) {
      start = previousEnd
      estimated++
    }
    realStart[i] = start
    realEnd[i] = start + duration
    previousEnd = realEnd[i]
  }
  const order = new Int32Array(count)
  let sorted = true
  for (let i = 0; i < count; i++) {
    order[i] = i
    if (i > 0 && realStart[i] < realStart[i - 1]) sorted = false
  }
  // Recorded runs are nearly always in start order already; sorting is for merged or odd files.
  if (!sorted) order.set(Array.from(order).sort((a, b) => realStart[a] - realStart[b] || a - b))

  const durations = new Float64Array(count)
  let durationCount = 0
  for (let i = 0; i < count; i++) if (realEnd[i] > realStart[i]) durations[durationCount++] = realEnd[i] - realStart[i]
  const gapLimit = Math.max(MIN_GAP_SECONDS, GAP_FACTOR * median(durations.subarray(0, durationCount)))

  // Walk in start order; whenever nothing is running for longer than the limit, cut the gap down.
  const start = new Float64Array(count)
  const end = new Float64Array(count)
  const gaps: IdleGap[] = []
  let shift = 0
  let busyUntil = count > 0 ? realStart[order[0]] : 0
  const origin = busyUntil
  for (let k = 0; k < count; k++) {
    const i = order[k]
    const idle = realStart[i] - busyUntil
    if (idle > gapLimit) {
      const drawn = gapLimit / 4
      gaps.push({ at: busyUntil - origin - shift, drawn, real: idle })
      shift += idle - drawn
    }
    start[i] = realStart[i] - origin - shift
    end[i] = realEnd[i] - origin - shift
    if (realEnd[i] > busyUntil) busyUntil = realEnd[i]
  }
  const span = count > 0 ? busyUntil - origin - shift : 0

  // Interval partitioning: the lowest lane that is free by the step's start, else a new one.
  const lane = new Int32Array(count)
  const busy = new LaneHeap()
  const free = new LaneHeap()
  let laneCount = 0
  for (let k = 0; k < count; k++) {
    const i = order[k]
    while (busy.size > 0 && busy.peekEnd() <= start[i]) {
      const freed = busy.pop()
      free.push(freed, freed)
    }
    const assigned = free.size > 0 ? free.pop() : laneCount++
    lane[i] = assigned
    busy.push(end[i], assigned)
  }
  return { order, start, end, lane, laneCount, span, gaps, estimated }
}

/** Index into `order` of the first step starting at or after `time` (binary search). */
export function firstStartingAt(model: TimelineModel, time: number): number {
  let low = 0
  let high = model.order.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (model.start[model.order[mid]] < time) low = mid + 1
    else high = mid
  }
  return low
}
