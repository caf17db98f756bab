/** Median-of-N timing with warm-up, the one way every section measures. */
import type { BenchContext } from './types'

export interface Timing {
  medianMs: number
  samplesMs: number[]
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

function timeOnce(task: () => unknown): number {
  const started = performance.now()
  task()
  return performance.now() - started
}

/** Runs `task` `warmup` times untimed, then `repeats` times timed; returns the median. */
export function measure(context: Pick<BenchContext, 'repeats' | 'warmup'>, task: () => unknown): Timing {
  for (let i = 0; i < context.warmup; i++) task()
  const samplesMs: number[] = []
  for (let i = 0; i < context.repeats; i++) samplesMs.push(timeOnce(task))
  return { medianMs: median(samplesMs), samplesMs }
}

function timingsOf<K extends string>(samples: Record<K, number[]>): Record<K, Timing> {
  return Object.fromEntries(
    (Object.keys(samples) as K[]).map((name) => [name, { medianMs: median(samples[name]), samplesMs: samples[name] }])
  ) as Record<K, Timing>
}

/** The order of the tasks in `round`: rotated each round, so no task always goes first. */
function roundOrder<K extends string>(names: K[], round: number): K[] {
  return names.map((_, i) => names[(round + i) % names.length])
}

/**
 * Times several tasks in rounds (each round runs every task once, in a rotating order), so a
 * slow patch of a shared machine hits all of them alike; ratios between them stay meaningful.
 */
export function measureInterleaved<K extends string>(
  context: Pick<BenchContext, 'repeats' | 'warmup'>,
  tasks: Record<K, () => unknown>
): Record<K, Timing> {
  const names = Object.keys(tasks) as K[]
  for (let i = 0; i < context.warmup; i++) for (const name of names) tasks[name]()
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>
  for (let round = 0; round < context.repeats; round++)
    for (const name of roundOrder(names, round)) samples[name].push(timeOnce(tasks[name]))
  return timingsOf(samples)
}

/** measureInterleaved for tasks that return a promise (each awaited before the next starts). */
export async function measureInterleavedAsync<K extends string>(
  context: Pick<BenchContext, 'repeats' | 'warmup'>,
  tasks: Record<K, () => Promise<unknown>>
): Promise<Record<K, Timing>> {
  const names = Object.keys(tasks) as K[]
  for (let i = 0; i < context.warmup; i++) for (const name of names) await tasks[name]()
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>
  for (let round = 0; round < context.repeats; round++) {
    for (const name of roundOrder(names, round)) {
      const started = performance.now()
      await tasks[name]()
      samples[name].push(performance.now() - started)
    }
  }
  return timingsOf(samples)
}

/** The median over rounds of `a[i] / b[i]`. */
export function medianRatio(a: Timing, b: Timing): number {
  return median(a.samplesMs.map((value, index) => value / b.samplesMs[index]))
}

export const MIB = 1024 * 1024

export function mibPerSecond(bytes: number, ms: number): number {
  return bytes / MIB / (ms / 1000)
}
