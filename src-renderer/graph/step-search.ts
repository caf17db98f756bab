/** Search within the open run: steps whose one-line label, kind or id matches, in graph order. */
import type { StepSummary } from '../../src-shared/api/types'

export function stepMatches(steps: readonly StepSummary[], text: string): string[] {
  const needle = text.trim().toLowerCase()
  if (!needle) return []
  const matches: string[] = []
  for (const step of steps) {
    if (step.label.toLowerCase().includes(needle) || step.kind.toLowerCase() === needle || step.id.startsWith(needle))
      matches.push(step.id)
  }
  return matches
}

/** The next match index when stepping by `delta` (wraps around; -1 means "before the first"). */
export function nextMatchIndex(current: number, delta: 1 | -1, count: number): number {
  if (count === 0) return -1
  if (current < 0) return delta > 0 ? 0 : count - 1
  return (current + delta + count) % count
}
