/** The contract between the benchmark runner (bench.ts) and its sections. */

export type BenchValue = number | string

export interface BenchColumn {
  /** Key of the value in each row (also the key in .bench/results.json). */
  key: string
  label: string
  /** Digits after the point for numbers (default 1); 'auto': fewer for larger numbers, three below 10. */
  digits?: number | 'auto'
  /** Left-aligned (words, not figures). */
  text?: boolean
}

/** One goal of issue 13 as measured (goals.ts holds what each goal asks). */
export interface GoalResult {
  id: string
  ms: number
  baselineMs: number
  ratio: number
  verdict: string
}

export interface BenchResult {
  title: string
  columns: BenchColumn[]
  rows: Array<Record<string, BenchValue>>
  /** Lines printed under the table (method, caveats). */
  notes?: string[]
  /** The goals (goals.ts) this section measured. */
  goals?: GoalResult[]
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
