/** Median-of-N timing with warm-up, the one way every section measures. */
import type { BenchContext } from './types'

export interface Timing {
  medianMs: number
  samplesMs: number[]
}

function collectGarbage(): void {
  ;(globalThis as { gc?: () => void }).gc?.()
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Runs `task` `warmup` times untimed, then `repeats` times timed; returns the median. */
export function measure(context: Pick<BenchContext, 'repeats' | 'warmup'>, task: () => unknown): Timing {
  for (let i = 0; i < context.warmup; i++) task()
  const samplesMs: number[] = []
  for (let i = 0; i < context.repeats; i++) {
    collectGarbage()
    const started = performance.now()
    task()
    samplesMs.push(performance.now() - started)
  }
  return { medianMs: median(samplesMs), samplesMs }
}

export const MIB = 1024 * 1024

export function mibPerSecond(bytes: number, ms: number): number {
  return bytes / MIB / (ms / 1000)
}
