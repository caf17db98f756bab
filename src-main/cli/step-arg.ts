/**
 * The CLI's `--from-step S` (spec §14): only decimal digits = a 0-based index into the steps in
 * order; anything else = a step id or unique prefix. (So an all-digit hex prefix reads as an index.)
 */
import type { Run } from '../../src-shared/run/run'
import { UsageError } from './errors'

export interface StepChoice {
  /** The step id chosen. */
  id: string
  /** Whether the user gave an index (decides the default fork mode). */
  byIndex: boolean
}

export function chooseStep(run: Run, text: string): StepChoice {
  if (/^\d+$/.test(text)) {
    const index = Number(text)
    const count = run.stepCount
    if (!Number.isSafeInteger(index) || index >= count) {
      throw new UsageError(
        `--from-step ${text} is out of range: run ${run.id.slice(0, 12)} has ${count} step${count === 1 ? '' : 's'}${count ? ` (indices 0-${count - 1})` : ''}`
      )
    }
    return { id: run.order[index], byIndex: true }
  }
  return { id: run.resolve(text), byIndex: false }
}

/** Indices as compact ranges: [0,1,2,5] → "0-2, 5". */
export function indexRanges(indices: number[]): string {
  const sorted = [...indices].sort((a, b) => a - b)
  const parts: string[] = []
  for (let i = 0; i < sorted.length;) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`)
    i = j + 1
  }
  return parts.join(', ')
}
