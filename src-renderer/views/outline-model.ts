/**
 * The outline of a run as rows of a collapsible tree. A step's first child continues its line at the
 * same depth; every further child starts a branch one level deeper, which can be folded away. So a
 * linear run is a flat list and only forks and side branches indent. Iterative: depth is unbounded.
 */
import type { StepSummary } from '../../src-shared/api/types'

export interface OutlineRow {
  index: number
  depth: number
  /** First step of a branch (or a root): its toggle folds the branch. */
  head: boolean
  /** How many branches leave this step (children beyond the first). */
  branches: number
  /** A head whose branch has more steps to fold. */
  foldable: boolean
}

export interface OutlineTree {
  roots: number[]
  children: number[][]
}

export function outlineTree(steps: readonly StepSummary[]): OutlineTree {
  const indexById = new Map<string, number>()
  steps.forEach((step, index) => indexById.set(step.id, index))
  const children: number[][] = steps.map(() => [])
  const roots: number[] = []
  steps.forEach((step, index) => {
    // The primary parent (the last listed) is where a step hangs; merges show under their main line.
    let parent: number | undefined
    for (let p = step.parentIds.length - 1; p >= 0 && parent === undefined; p--)
      parent = indexById.get(step.parentIds[p])
    if (parent === undefined || parent === index) roots.push(index)
    else children[parent].push(index)
  })
  return { roots, children }
}

export function outlineRows(tree: OutlineTree, folded: ReadonlySet<number>): OutlineRow[] {
  const rows: OutlineRow[] = []
  const stack: { index: number; depth: number; head: boolean }[] = []
  for (let r = tree.roots.length - 1; r >= 0; r--) stack.push({ index: tree.roots[r], depth: 0, head: true })
  const emitted = new Uint8Array(tree.children.length)
  while (stack.length > 0) {
    const item = stack.pop()!
    if (emitted[item.index]) continue
    emitted[item.index] = 1
    const kids = tree.children[item.index]
    rows.push({
      index: item.index,
      depth: item.depth,
      head: item.head,
      branches: Math.max(0, kids.length - 1),
      foldable: item.head && kids.length > 0
    })
    if (item.head && folded.has(item.index)) continue
    if (kids.length > 0) stack.push({ index: kids[0], depth: item.depth, head: false })
    for (let k = kids.length - 1; k >= 1; k--) stack.push({ index: kids[k], depth: item.depth + 1, head: true })
  }
  return rows
}
