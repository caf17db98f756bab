/**
 * The performance goals of issue 13, each checked against a baseline measured in the same run.
 * A section measures and calls `checkGoal`; bench.ts prints every goal, measured or not, with its
 * verdict, so one run shows what holds and what does not.
 */
import type { BenchResult, BenchValue, GoalResult } from './types'

export interface GoalSpec {
  id: string
  /** The bench section that measures it (`--only <section>`). */
  section: string
  goal: string
  /** What the measured figure is divided by. */
  baseline: string
  /** The figure must be at most this many milliseconds. */
  maxMs?: number
  /** The figure must be at most this multiple of the baseline. */
  maxRatio?: number
  /**
   * For targets set for a quiet machine: under load every process slows alike, so a missed
   * `maxMs` still counts as met while the ratio stays within this multiple.
   */
  loadedRatio?: number
}

export const GOALS: GoalSpec[] = [
  {
    id: 'graph-15900',
    section: 'graph',
    goal: 'click a 15,900-step run (11 MiB) to an interactive graph',
    baseline: 'JSON.parse of the file',
    maxMs: 1000
  },
  {
    id: 'graph-15900-long',
    section: 'graph',
    goal: "the same with long payloads (33 MiB, past the issue's 31 MB)",
    baseline: 'JSON.parse of the file',
    maxMs: 1000
  },
  {
    id: 'graph-100000',
    section: 'graph',
    goal: 'click a 100,000-step run to an interactive graph',
    baseline: 'JSON.parse of the file',
    maxMs: 2000
  },
  {
    id: 'frames-ratio',
    section: 'frames',
    goal: 'pan + zoom frame p95 at 15,900 steps, against a 2-step graph',
    baseline: 'frame p95 on a 2-step graph',
    maxRatio: 1.5
  },
  {
    id: 'frames-quiet',
    section: 'frames',
    goal: 'pan + zoom frame p95 at 15,900 steps under 12 ms (quiet machine)',
    baseline: 'frame p95 on a 2-step graph',
    maxMs: 12
  },
  {
    id: 'list-cold',
    section: 'list',
    goal: 'rows for 1,000 cold runs on screen',
    baseline: 'read + JSON.parse of all 1,000 in node',
    maxMs: 1000,
    maxRatio: 3
  },
  {
    id: 'listed-open',
    section: 'listed',
    goal: 'opening a 15,900-step run is not slowed by 1,000 listed runs',
    baseline: 'the same open with 40 runs listed',
    maxRatio: 1.2
  },
  {
    id: 'load-15900',
    section: 'load',
    goal: 'load + verify of a 15,900-step run in the core',
    baseline: 'JSON.parse + SHA-256 of the bytes',
    maxRatio: 3
  },
  {
    id: 'load-100000',
    section: 'load',
    goal: 'load + verify of a 100,000-step run in the core',
    baseline: 'JSON.parse + SHA-256 of the bytes',
    maxRatio: 3
  },
  {
    id: 'live-flat',
    section: 'live',
    goal: 'renderer cost of one live step at 2,000 steps stays flat',
    baseline: 'the same cost at 100 steps',
    maxRatio: 1.5
  },
  {
    id: 'diff-cold',
    section: 'diff-cold',
    goal: 'two cold 11 MiB runs to a side-by-side diff',
    baseline: 'read + JSON.parse of both in node',
    maxMs: 1500
  },
  {
    id: 'cli-version',
    section: 'cli',
    goal: '`tine --version` as a whole process (quiet machine)',
    baseline: 'node -e 0',
    maxMs: 100,
    loadedRatio: 100 / 40
  },
  {
    id: 'cli-show',
    section: 'cli',
    goal: '`tine show` of an example as a whole process (quiet machine)',
    baseline: 'node -e 0',
    maxMs: 150,
    loadedRatio: 150 / 40
  }
]

function spec(id: string): GoalSpec {
  const found = GOALS.find((goal) => goal.id === id)
  if (!found) throw new Error(`no goal ${id} in goals.ts`)
  return found
}

function verdict(goal: GoalSpec, ms: number, ratio: number): string {
  const missed: string[] = []
  if (goal.maxRatio !== undefined && !(ratio <= goal.maxRatio)) missed.push(`over ${goal.maxRatio}x`)
  if (goal.maxMs !== undefined && !(ms <= goal.maxMs)) {
    if (goal.loadedRatio !== undefined && ratio <= goal.loadedRatio) return 'met (as a ratio, under load)'
    missed.push(`over ${goal.maxMs.toLocaleString('en-US')} ms`)
  }
  return missed.length ? `missed (${missed.join(', ')})` : 'met'
}

/** `ratio` defaults to ms / baselineMs; pass the median of per-round ratios where there are rounds. */
export function checkGoal(id: string, measured: { ms: number; baselineMs: number; ratio?: number }): GoalResult {
  const ratio = measured.ratio ?? measured.ms / measured.baselineMs
  return { id, ms: measured.ms, baselineMs: measured.baselineMs, ratio, verdict: verdict(spec(id), measured.ms, ratio) }
}

/** "<= 1,000 ms, <= 3x": what a goal asks. */
export function targetOf(goal: GoalSpec): string {
  const parts: string[] = []
  if (goal.maxMs !== undefined) parts.push(`<= ${goal.maxMs.toLocaleString('en-US')} ms`)
  if (goal.maxRatio !== undefined) parts.push(`<= ${goal.maxRatio}x`)
  return parts.join(', ')
}

/** Every goal, in the order of GOALS; the ones no section of this run measured say so. */
export function goalsTable(measured: GoalResult[], sectionsRun: string[], loadNote: string): BenchResult {
  const rows: Array<Record<string, BenchValue>> = GOALS.map((goal) => {
    const result = measured.find((entry) => entry.id === goal.id)
    const base = { goal: goal.goal, target: targetOf(goal), baseline: goal.baseline }
    if (!result) {
      const why = sectionsRun.includes(goal.section) ? 'not measured' : `not run (--only ${goal.section})`
      return { ...base, verdict: why }
    }
    return { ...base, ms: result.ms, baselineMs: result.baselineMs, ratio: result.ratio, verdict: result.verdict }
  })
  return {
    title: 'Issue 13 goals (each against a baseline measured in the same run)',
    columns: [
      { key: 'goal', label: 'goal' },
      { key: 'target', label: 'target', text: true },
      { key: 'ms', label: 'measured ms', digits: 'auto' },
      { key: 'baseline', label: 'baseline', text: true },
      { key: 'baselineMs', label: 'baseline ms', digits: 'auto' },
      { key: 'ratio', label: 'x baseline', digits: 2 },
      { key: 'verdict', label: 'verdict', text: true }
    ],
    rows,
    notes: [loadNote]
  }
}
