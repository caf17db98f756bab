/**
 * The tool-calls-only diff (the app's "compare tool calls only"): two runs agree while their agents
 * made the same tool calls, whatever the model said in between. Both main lines (the ancestry of
 * refs.main) are walked from the root; tool steps are matched in turn by tool name and canonical
 * arguments, and the walk stops at the first tool call that differs, or at the first extra call
 * once one side has none left. The API's `toolCallsOnly` flag asks for it; the view says `mode: 'tool-calls'`.
 */
import { toolName } from '../step-label'
import { canonicalString } from '../../tine/canonical'
import { newObject } from '../../tine/json-value'
import { commonTipAncestor } from './diff'
import {
  emptyRecord,
  mainLine,
  summarize,
  type DiffDifference,
  type DiffStepState,
  type DiffView,
  type DiffViewOptions
} from './diff-view-model'
import type { Run } from '../run'
import type { Step } from '../types'

/** What a tool step did: its tool and its arguments in canonical form; null for any other step. */
export function toolCallSignature(step: Step): string | null {
  if (step.kind !== 'tool') return null
  let args = step.inputs.arguments
  if (args === undefined) {
    // Recorders that put the arguments beside the name: everything but the name is the call.
    const rest = newObject()
    for (const key of Object.keys(step.inputs)) if (key !== 'name') rest[key] = step.inputs[key]
    args = rest
  }
  return `${toolName(step)}\u0000${canonicalString(args)}`
}

interface Side {
  line: string[]
  /** Indices into `line` of the tool steps. */
  toolCalls: number[]
  /** The key of each of `toolCalls`. */
  keys: string[]
}

function sideOf(run: Run): Side {
  const line = mainLine(run)
  const toolCalls: number[] = []
  const keys: string[] = []
  for (let i = 0; i < line.length; i++) {
    const key = toolCallSignature(run.getStep(line[i])!)
    if (key === null) continue
    toolCalls.push(i)
    keys.push(key)
  }
  return { line, toolCalls, keys }
}

export function buildToolCallsDiffView(a: Run, b: Run, options: DiffViewOptions = {}): DiffView {
  const sideA = sideOf(a)
  const sideB = sideOf(b)
  let matched = 0
  while (matched < sideA.keys.length && matched < sideB.keys.length && sideA.keys[matched] === sideB.keys[matched])
    matched++
  // Index on each main line of the diverging tool call; the line's length when that side has none.
  const divergeA = matched < sideA.toolCalls.length ? sideA.toolCalls[matched] : sideA.line.length
  const divergeB = matched < sideB.toolCalls.length ? sideB.toolCalls[matched] : sideB.line.length
  const hasA = divergeA < sideA.line.length
  const hasB = divergeB < sideB.line.length

  const stepsA = emptyRecord<DiffStepState>()
  const stepsB = emptyRecord<DiffStepState>()
  const pairs = emptyRecord<string>()
  for (let i = 0; i < divergeA; i++) stepsA[sideA.line[i]] = 'same'
  for (let i = 0; i < divergeB; i++) stepsB[sideB.line[i]] = 'same'
  pairAgreedSteps(a, b, sideA, sideB, matched, divergeA, divergeB, pairs)

  const differences: DiffDifference[] = []
  const push = (entry: Omit<DiffDifference, 'index'>) => differences.push({ index: differences.length, ...entry })
  if (hasA && hasB) {
    const idA = sideA.line[divergeA]
    const idB = sideB.line[divergeB]
    stepsA[idA] = 'changed'
    stepsB[idB] = 'changed'
    pairs[idA] = idB
    push({ a: idA, b: idB, kind: 'changed' })
  }
  for (let i = hasA && hasB ? divergeA + 1 : divergeA; i < sideA.line.length; i++) {
    stepsA[sideA.line[i]] = 'only-a'
    push({ a: sideA.line[i], b: null, kind: 'only-a' })
  }
  for (let i = hasA && hasB ? divergeB + 1 : divergeB; i < sideB.line.length; i++) {
    stepsB[sideB.line[i]] = 'only-b'
    push({ a: null, b: sideB.line[i], kind: 'only-b' })
  }
  // Off the main lines nothing is compared: a step both runs hold is shared, the rest one-sided.
  for (const id of a.order) {
    if (id in stepsA) continue
    stepsA[id] = b.hasStep(id) ? 'shared' : 'only-a'
    if (stepsA[id] === 'only-a') push({ a: id, b: null, kind: 'only-a' })
  }
  for (const id of b.order) {
    if (id in stepsB) continue
    stepsB[id] = a.hasStep(id) ? 'shared' : 'only-b'
    if (stepsB[id] === 'only-b') push({ a: null, b: id, kind: 'only-b' })
  }

  const count = (states: Record<string, DiffStepState>, wanted: DiffStepState) =>
    Object.values(states).filter((state) => state === wanted).length
  return {
    mode: 'tool-calls',
    a: options.fileA === undefined ? { runId: a.id } : { runId: a.id, file: options.fileA },
    b: options.fileB === undefined ? { runId: b.id } : { runId: b.id, file: options.fileB },
    commonAncestor: commonTipAncestor(a, b),
    stepsA,
    stepsB,
    firstDivergence: { a: hasA ? sideA.line[divergeA] : null, b: hasB ? sideB.line[divergeB] : null },
    differences,
    pairs,
    summary: summarize(a, b, {
      added: count(stepsB, 'only-b'),
      removed: count(stepsA, 'only-a'),
      changed: hasA && hasB ? 1 : 0
    })
  }
}

/**
 * Pairs the matched tool calls, and between two matched tool calls the other steps one by one
 * while their kinds agree, so selecting a model step on one side finds its counterpart.
 */
function pairAgreedSteps(
  a: Run,
  b: Run,
  sideA: Side,
  sideB: Side,
  matched: number,
  divergeA: number,
  divergeB: number,
  pairs: Record<string, string>
): void {
  let startA = 0
  let startB = 0
  for (let k = 0; k <= matched; k++) {
    const endA = k < matched ? sideA.toolCalls[k] : divergeA
    const endB = k < matched ? sideB.toolCalls[k] : divergeB
    for (let i = 0; startA + i < endA && startB + i < endB; i++) {
      const idA = sideA.line[startA + i]
      const idB = sideB.line[startB + i]
      if (a.getStep(idA)!.kind !== b.getStep(idB)!.kind) break
      pairs[idA] = idB
    }
    if (k < matched) {
      pairs[sideA.line[endA]] = sideB.line[endB]
      startA = endA + 1
      startB = endB + 1
    }
  }
}
