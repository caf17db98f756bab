/**
 * The side-by-side diff as the explorer draws it: plain JSON (no bigint, no Map) so it crosses IPC
 * and HTTP unchanged. Built by diff-view.ts (spec §15 pairing) or tool-calls-diff.ts (tool calls only).
 */
import { compareCodePoints } from '../../tine/canonical'
import { totalCost, totalTokens } from '../cost'
import { groupByPrimaryParent } from './diff'
import type { Run } from '../run'
import type { Step } from '../types'

/**
 * How one step is drawn:
 * - 'shared': the very same step (same id, nothing differs) is in both runs; drawn dimmed;
 * - 'changed': paired with a step of the other run, and something differs;
 * - 'same': paired with a step of the other run under another id, and nothing differs;
 * - 'only-a' / 'only-b': no counterpart in the other run.
 */
export type DiffStepState = 'shared' | 'changed' | 'same' | 'only-a' | 'only-b'

export type DiffMode = 'graph' | 'tool-calls'

export interface DiffSideRef {
  runId: string
  file?: string
}

export interface DiffDifference {
  /** Position in `differences`, for "difference 3 of 12". */
  index: number
  a: string | null
  b: string | null
  kind: 'changed' | 'only-a' | 'only-b'
}

export interface DiffSideTotals {
  totalCost: number
  totalTokens: number
  steps: number
  /** Sum of step durations, seconds. */
  durationTotal: number
}

export interface DiffSummary {
  a: DiffSideTotals
  b: DiffSideTotals
  /** Steps only in B. */
  added: number
  /** Steps only in A. */
  removed: number
  /** Pairs that differ. */
  changed: number
  /** B minus A. */
  costDelta: number
  tokenDelta: number
  durationDelta: number
}

export interface DiffView {
  mode: DiffMode
  a: DiffSideRef
  b: DiffSideRef
  commonAncestor: string | null
  stepsA: Record<string, DiffStepState>
  stepsB: Record<string, DiffStepState>
  firstDivergence: { a: string | null; b: string | null }
  /** What "next / previous difference" walks; each entry moves both graphs. */
  differences: DiffDifference[]
  /** Every paired step of A to its partner in B. */
  pairs: Record<string, string>
  summary: DiffSummary
}

export interface DiffViewOptions {
  /** Pair by tool calls and their arguments, ignoring model wording (tool-calls-diff.ts). */
  toolCallsOnly?: boolean
  fileA?: string
  fileB?: string
}

/** A record safe for any key: a step id such as `__proto__` stays an ordinary key. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}

export function sideTotals(run: Run): DiffSideTotals {
  let durationTotal = 0
  for (const step of run.steps) durationTotal += step.duration
  return { totalCost: totalCost(run), totalTokens: totalTokens(run), steps: run.stepCount, durationTotal }
}

export function summarize(a: Run, b: Run, counts: { added: number; removed: number; changed: number }): DiffSummary {
  const totalsA = sideTotals(a)
  const totalsB = sideTotals(b)
  return {
    a: totalsA,
    b: totalsB,
    ...counts,
    costDelta: totalsB.totalCost - totalsA.totalCost,
    tokenDelta: totalsB.totalTokens - totalsA.totalTokens,
    durationDelta: totalsB.durationTotal - totalsA.durationTotal
  }
}

/**
 * The steps in spec §15's position traversal order: depth-first from the roots along primary
 * parents (`parent_ids[0]`), siblings sorted by id. A step whose primary parent is missing is a root.
 * Iterative, so a 100,000-step chain cannot overflow the stack.
 */
export function positionTraversal(run: Run): Step[] {
  const { roots, childrenOf } = groupByPrimaryParent(run)
  const byId = (x: Step, y: Step) => compareCodePoints(x.id, y.id)
  const traversal: Step[] = []
  const stack: Step[] = []
  const pushSiblings = (siblings: Step[]) => {
    siblings.sort(byId)
    for (let i = siblings.length - 1; i >= 0; i--) stack.push(siblings[i])
  }
  pushSiblings(roots)
  while (stack.length) {
    const step = stack.pop()!
    traversal.push(step)
    const children = childrenOf.get(step.id)
    if (children) pushSiblings(children)
  }
  return traversal
}

/** The ancestry of `refs.main` (or the last step), parents before children; empty for an empty run. */
export function mainLine(run: Run): string[] {
  const tip = run.tip('main')
  return tip === undefined ? [] : run.ancestors(tip)
}
