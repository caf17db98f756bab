/** Median-of-N timing with warm-up, the one way every section measures. */
import v8 from 'node:v8'
import vm from 'node:vm'
import type { BenchContext } from './types'

export interface Timing {
  medianMs: number
  samplesMs: number[]
}

// A full collection before each sample keeps one sample's garbage out of the next one's time.
// `npm run bench` cannot pass --expose-gc to node, so the flag is switched on at run time.
v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

function collectGarbage(): void {
  gc()
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
