import { describe, expect, it } from 'vitest'
import type { StepSummary } from '../../src-shared/api/types'
import { outlineRows, outlineTree } from './outline-model'

function step(index: number, parents: number[]): StepSummary {
  return {
    id: `s${index}`,
    parentIds: parents.map((p) => `s${p}`),
    kind: 'tool',
    label: '',
    model: '',
    cost: 0,
    duration: 0,
    timestamp: 0,
    isError: false,
    index
  }
}

describe('outline', () => {
  // 0 -> 1 -> 2 -> 3, and a branch 1 -> 4 -> 5
  const steps = [step(0, []), step(1, [0]), step(2, [1]), step(3, [2]), step(4, [1]), step(5, [4])]

  it('keeps the main line flat and indents a branch right after its branch point', () => {
    const rows = outlineRows(outlineTree(steps), new Set())
    expect(rows.map((row) => [row.index, row.depth])).toEqual([
      [0, 0],
      [1, 0],
      [4, 1],
      [5, 1],
      [2, 0],
      [3, 0]
    ])
    expect(rows.find((row) => row.index === 1)?.branches).toBe(1)
    expect(rows.find((row) => row.index === 4)?.foldable).toBe(true)
  })

  it('folds a branch to its head', () => {
    const rows = outlineRows(outlineTree(steps), new Set([4]))
    expect(rows.map((row) => row.index)).toEqual([0, 1, 4, 2, 3])
  })

  it('handles a 100,000-step chain without recursion', () => {
    const chain = Array.from({ length: 100_000 }, (_, i) => step(i, i === 0 ? [] : [i - 1]))
    const rows = outlineRows(outlineTree(chain), new Set())
    expect(rows).toHaveLength(100_000)
    expect(rows.every((row) => row.depth === 0)).toBe(true)
  })
})
