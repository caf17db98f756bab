/**
 * The side-by-side diff of two runs, from the core's pairing (spec §15): a state per step on each
 * side, the pairs, the walk of differences and a run-level summary. Its counts are the lengths of
 * `tine diff --json`'s drift lists, because both come from the same diffRuns.
 */
import { buildToolCallsDiffView } from './tool-calls-diff'
import { diffRuns, type RunDiff } from './diff'
import {
  emptyRecord,
  positionTraversal,
  summarize,
  type DiffDifference,
  type DiffStepState,
  type DiffView,
  type DiffViewOptions
} from './diff-view-model'
import type { Run } from '../run'

export type { DiffDifference, DiffStepState, DiffView, DiffViewOptions } from './diff-view-model'

export function buildDiffView(a: Run, b: Run, options: DiffViewOptions = {}): DiffView {
  if (options.toolCallsOnly) return buildToolCallsDiffView(a, b, options)
  return diffViewFromRunDiff(a, b, diffRuns(a, b), options)
}

/** The view of an already computed diff (callers that also need the RunDiff compute it once). */
export function diffViewFromRunDiff(a: Run, b: Run, diff: RunDiff, options: DiffViewOptions = {}): DiffView {
  const stepsA = emptyRecord<DiffStepState>()
  const stepsB = emptyRecord<DiffStepState>()
  const pairs = emptyRecord<string>()
  const partnerOfB = new Map<string, string>()
  for (const pair of diff.paired) {
    const state: DiffStepState = pair.deltas.length ? 'changed' : pair.a === pair.b ? 'shared' : 'same'
    stepsA[pair.a] = state
    stepsB[pair.b] = state
    pairs[pair.a] = pair.b
    partnerOfB.set(pair.b, pair.a)
  }
  for (const id of diff.onlyA) stepsA[id] = 'only-a'
  for (const id of diff.onlyB) stepsB[id] = 'only-b'
  // What is left is a step both runs hold under one id but at different places: nothing to show.
  for (const id of a.order) if (!(id in stepsA)) stepsA[id] = 'shared'
  for (const id of b.order) if (!(id in stepsB)) stepsB[id] = 'shared'

  // With nothing one-sided, the changed pairs are already in A's traversal order.
  const differences =
    diff.onlyA.length || diff.onlyB.length
      ? walkDifferences(a, b, stepsA, stepsB, pairs, partnerOfB)
      : diff.changed.map((pair, index): DiffDifference => ({ index, a: pair.a, b: pair.b, kind: 'changed' }))
  return {
    mode: 'graph',
    a: side(a, options.fileA),
    b: side(b, options.fileB),
    commonAncestor: diff.commonAncestor,
    stepsA,
    stepsB,
    firstDivergence: firstDivergence(b, diff.firstDivergence, stepsB, pairs),
    differences,
    pairs,
    summary: summarize(a, b, { added: diff.onlyB.length, removed: diff.onlyA.length, changed: diff.changed.length })
  }
}

function side(run: Run, file: string | undefined): DiffView['a'] {
  return file === undefined ? { runId: run.id } : { runId: run.id, file }
}

function firstDivergence(
  b: Run,
  firstA: string | null,
  stepsB: Record<string, DiffStepState>,
  pairs: Record<string, string>
): DiffView['firstDivergence'] {
  if (firstA !== null && firstA in pairs) return { a: firstA, b: pairs[firstA] }
  const firstB = b.order.find((id) => stepsB[id] === 'changed' || stepsB[id] === 'only-b') ?? null
  return { a: firstA, b: firstB }
}

/**
 * Changed pairs and A-only steps in A's position traversal order; each B-only step right after
 * the A step its nearest paired (or shared) B ancestor stands for, in B's traversal order. B-only
 * steps with no such ancestor come last.
 */
function walkDifferences(
  a: Run,
  b: Run,
  stepsA: Record<string, DiffStepState>,
  stepsB: Record<string, DiffStepState>,
  pairs: Record<string, string>,
  partnerOfB: Map<string, string>
): DiffDifference[] {
  const onlyBAfter = new Map<string, string[]>()
  const unanchored: string[] = []
  // Anchors are found in B's traversal order, so a step's primary parent is always settled first.
  const anchorOf = new Map<string, string | null>()
  for (const step of stepsWithOnlyB(b, stepsB)) {
    const parent = step.parentIds[0]
    let anchor: string | null = null
    if (parent !== undefined && b.hasStep(parent)) {
      anchor = partnerOfB.get(parent) ?? (a.hasStep(parent) ? parent : (anchorOf.get(parent) ?? null))
    }
    anchorOf.set(step.id, anchor)
    if (stepsB[step.id] !== 'only-b') continue
    if (anchor === null) unanchored.push(step.id)
    else {
      const list = onlyBAfter.get(anchor)
      if (list) list.push(step.id)
      else onlyBAfter.set(anchor, [step.id])
    }
  }

  const differences: DiffDifference[] = []
  const push = (entry: Omit<DiffDifference, 'index'>) => differences.push({ index: differences.length, ...entry })
  for (const step of positionTraversal(a)) {
    const state = stepsA[step.id]
    if (state === 'changed') push({ a: step.id, b: pairs[step.id], kind: 'changed' })
    else if (state === 'only-a') push({ a: step.id, b: null, kind: 'only-a' })
    for (const id of onlyBAfter.get(step.id) ?? []) push({ a: null, b: id, kind: 'only-b' })
  }
  for (const id of unanchored) push({ a: null, b: id, kind: 'only-b' })
  return differences
}

/** B's traversal, needed only to place B-only steps; skipped when there are none. */
function stepsWithOnlyB(b: Run, stepsB: Record<string, DiffStepState>) {
  for (const id in stepsB) if (stepsB[id] === 'only-b') return positionTraversal(b)
  return []
}
