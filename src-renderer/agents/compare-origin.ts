/**
 * "Compare with origin" after a continuation: the side-by-side diff of the fork against the run it
 * was forked from, opened on the first divergence (both graphs centred there, its pair detail shown).
 */
import type { DiffView } from '../../src-shared/run/diff/diff-view-model'
import type { RunView } from '../../src-shared/api/types'
import { defaultComparePair } from '../diff/compare-target'
import type { TineStore } from '../store/store'

/** The position in `differences` of the first divergence, or null when the runs do not differ. */
export function firstDivergenceIndex(view: DiffView): number | null {
  const { a, b } = view.firstDivergence
  const found = view.differences.find(
    (difference) => (a !== null && difference.a === a) || (b !== null && difference.b === b)
  )
  if (found) return found.index
  return view.differences.length > 0 ? 0 : null
}

/** The origin's file for the open fork, when the origin is listed. */
export function originPair(run: RunView, store: TineStore): { fileA: string; fileB: string } | null {
  if (!run.forkedFrom) return null
  const pair = defaultComparePair(run, store.getState().folders)
  return pair && pair.fileB === run.file ? pair : null
}

export async function compareWithOrigin(store: TineStore, run: RunView): Promise<boolean> {
  const pair = originPair(run, store)
  if (!pair) return false
  store.getState().closeStepMenu()
  await store.getState().openDiff(pair.fileA, pair.fileB)
  const { diffView, diffRequest, goToDifference } = store.getState()
  // The user may have moved on to another comparison while this one loaded.
  if (!diffView || diffRequest?.fileA !== pair.fileA || diffRequest?.fileB !== pair.fileB) return false
  const index = firstDivergenceIndex(diffView)
  if (index !== null) goToDifference(index)
  return true
}
