/**
 * Fast questions about a DiffView: who is a step's partner, which difference a step belongs to.
 * The view arrives as parsed JSON, so a step id such as `constructor` must never reach the
 * prototype: records are read through own-property checks and turned into Maps once.
 */
import type { DiffStepState, DiffView } from '../../src-shared/run/diff/diff-view-model'

export type DiffSide = 'a' | 'b'

export interface DiffLookup {
  partnerOfA: Map<string, string>
  partnerOfB: Map<string, string>
  differenceOfA: Map<string, number>
  differenceOfB: Map<string, number>
}

export function ownValue<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined
}

export function stateOf(view: DiffView, side: DiffSide, stepId: string): DiffStepState | undefined {
  return ownValue(side === 'a' ? view.stepsA : view.stepsB, stepId)
}

export function buildDiffLookup(view: DiffView): DiffLookup {
  const partnerOfA = new Map<string, string>()
  const partnerOfB = new Map<string, string>()
  for (const [a, b] of Object.entries(view.pairs)) {
    partnerOfA.set(a, b)
    partnerOfB.set(b, a)
  }
  const differenceOfA = new Map<string, number>()
  const differenceOfB = new Map<string, number>()
  view.differences.forEach((difference, index) => {
    if (difference.a !== null && !differenceOfA.has(difference.a)) differenceOfA.set(difference.a, index)
    if (difference.b !== null && !differenceOfB.has(difference.b)) differenceOfB.set(difference.b, index)
  })
  return { partnerOfA, partnerOfB, differenceOfA, differenceOfB }
}

/**
 * The step on the other side that stands for this one: its pair, or the very same id when the
 * other run holds it (a shared step the pairing left unpaired). Null for a one-sided step.
 */
export function partnerOf(view: DiffView, lookup: DiffLookup, side: DiffSide, stepId: string): string | null {
  const paired = (side === 'a' ? lookup.partnerOfA : lookup.partnerOfB).get(stepId)
  if (paired !== undefined) return paired
  const other: DiffSide = side === 'a' ? 'b' : 'a'
  const mine = stateOf(view, side, stepId)
  if (mine === 'only-a' || mine === 'only-b') return null
  return stateOf(view, other, stepId) !== undefined ? stepId : null
}

export function differenceIndexOf(lookup: DiffLookup, side: DiffSide, stepId: string): number | undefined {
  return (side === 'a' ? lookup.differenceOfA : lookup.differenceOfB).get(stepId)
}

/**
 * For a step only one run has: the other run's partner of its nearest ancestor that has one (the
 * step both runs share closest above it), so the other pane can stay there instead of on empty canvas.
 */
export function nearestSharedPartner(
  view: DiffView,
  lookup: DiffLookup,
  side: DiffSide,
  stepId: string,
  steps: readonly { id: string; parentIds: string[] }[]
): string | null {
  const parentsOf = new Map<string, string[]>()
  for (const step of steps) parentsOf.set(step.id, step.parentIds)
  const seen = new Set<string>([stepId])
  let frontier = [...(parentsOf.get(stepId) ?? [])]
  // Breadth-first: the nearest ancestor wins; the primary (last) parent first among equals.
  while (frontier.length) {
    const next: string[] = []
    for (const id of [...frontier].reverse()) {
      if (seen.has(id)) continue
      seen.add(id)
      const partner = partnerOf(view, lookup, side, id)
      if (partner !== null) return partner
      next.push(...(parentsOf.get(id) ?? []))
    }
    frontier = next
  }
  return null
}
