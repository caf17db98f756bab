/**
 * Step ids are classified, never refused (spec §8: opentine does not validate them on load), the
 * way the reference checker does: an id equal to the hash of its step's content is
 * content-addressed; a 64-hex id that differs from it is a MISMATCH (the content was edited after
 * the id was taken); anything else is opaque, an id the caller assigned.
 */
import { computeStepId, isContentHash, type StepContent } from './ids'

export interface StepIdMismatch {
  id: string
  computed: string
}

export interface StepIdClassification {
  contentAddressed: number
  opaque: number
  mismatched: StepIdMismatch[]
}

export function classifyStepIds(steps: Iterable<StepContent & { id: string }>): StepIdClassification {
  const result: StepIdClassification = { contentAddressed: 0, opaque: 0, mismatched: [] }
  for (const step of steps) {
    const computed = computeStepId(step)
    if (computed === step.id) result.contentAddressed++
    else if (isContentHash(step.id)) result.mismatched.push({ id: step.id, computed })
    else result.opaque++
  }
  return result
}

/** "3 content-addressed, 1 opaque, 1 MISMATCH": the reference checker's summary. */
export function describeStepIds(result: StepIdClassification): string {
  const parts = [`${result.contentAddressed} content-addressed`]
  if (result.opaque) parts.push(`${result.opaque} opaque`)
  if (result.mismatched.length) parts.push(`${result.mismatched.length} MISMATCH`)
  return parts.join(', ')
}
