/** The contract between the benchmark runner (bench.ts) and its sections. */

export type BenchValue = number | string

export interface BenchColumn {
  /** Key of the value in each row (also the key in .bench/results.json). */
  key: string
  label: string
  /** Digits after the point for numbers (default 1). */
  digits?: number
}

export interface BenchResult {
  title: string
  columns: BenchColumn[]
  rows: Array<Record<string, BenchValue>>
  /** Lines printed under the table (method, caveats). */
  notes?: string[]
}

export interface BenchContext {
  /** Timed repetitions per measurement; the median is reported. */
  repeats: number
  /** Untimed runs before timing starts. */
  warmup: number
  log(message: string): void
}

export interface BenchSection {
  /** Short name used by `--only`. */
  name: string
  description: string
  run(context: BenchContext): Promise<BenchResult> | BenchResult
}
