/**
 * The step-pair panel: what differs between a step and its partner, field by field, with a
 * word-level diff of long texts, plus cost, token and duration deltas. Plain JSON throughout.
 * The fields are spec §15's deltas, so the panel never shows a change `tine diff` does not report.
 */
import { diffWordsWithSpace } from 'diff'
import { TineError } from '../../tine/errors'
import { isObject, toPlain, type JsonValue } from '../../tine/json-value'
import { stepCost, stepTokens } from '../cost'
import { stepDeltas, type FieldDelta } from './diff'
import type { Run } from '../run'
import type { Step } from '../types'

export interface TextDiffPart {
  op: 'equal' | 'insert' | 'delete'
  text: string
}

export interface FieldChange {
  /** `outputs`, or `outputs.text` for one differing key of an object field. */
  field: string
  /** For a key entry: the field it belongs to. */
  parentField?: string
  before: unknown
  after: unknown
  /** For two objects: the sorted keys whose values differ (each also listed as its own entry). */
  keys?: string[]
  /** Word-level diff, when both sides are strings and at least one is long or spans lines. */
  textDiff?: TextDiffPart[]
}

export interface StepPairDetail {
  a: string | null
  b: string | null
  fields: FieldChange[]
  /** B minus A; a missing side counts as zero. */
  costDelta: number
  tokenDelta: number
  durationDelta: number
}

/** Texts at least this long (or spanning lines) get a word diff; shorter ones read fine side by side. */
export const LONG_TEXT = 40
/** Past this size a word diff costs more than it shows: the panel gets delete-all / insert-all. */
const MAX_DIFF_CHARS = 200_000
const DIFF_TIMEOUT_MS = 250

function isLongText(text: string): boolean {
  return text.length >= LONG_TEXT || text.includes('\n')
}

/** Word-level diff of two texts (whitespace runs are tokens too, so the parts rebuild both texts). */
export function wordDiff(before: string, after: string): TextDiffPart[] {
  const wholesale = (): TextDiffPart[] => [
    ...(before ? [{ op: 'delete' as const, text: before }] : []),
    ...(after ? [{ op: 'insert' as const, text: after }] : [])
  ]
  if (before === after) return before ? [{ op: 'equal', text: before }] : []
  if (before.length + after.length > MAX_DIFF_CHARS) return wholesale()
  const changes = diffWordsWithSpace(before, after, { timeout: DIFF_TIMEOUT_MS })
  if (!changes) return wholesale()
  return changes.map((change) => ({
    op: change.added ? 'insert' : change.removed ? 'delete' : 'equal',
    text: change.value
  }))
}

function withTextDiff(change: FieldChange, before: JsonValue | undefined, after: JsonValue | undefined): FieldChange {
  if (typeof before === 'string' && typeof after === 'string' && (isLongText(before) || isLongText(after))) {
    change.textDiff = wordDiff(before, after)
  }
  return change
}

function plain(value: JsonValue | undefined): unknown {
  return value === undefined ? null : toPlain(value)
}

function changesOf(delta: FieldDelta): FieldChange[] {
  const head = withTextDiff(
    { field: delta.field, before: toPlain(delta.before), after: toPlain(delta.after) },
    delta.before,
    delta.after
  )
  if (!delta.keys || !isObject(delta.before) || !isObject(delta.after)) return [head]
  head.keys = [...delta.keys]
  const entries = [head]
  for (const key of delta.keys) {
    const before = Object.prototype.hasOwnProperty.call(delta.before, key) ? delta.before[key] : undefined
    const after = Object.prototype.hasOwnProperty.call(delta.after, key) ? delta.after[key] : undefined
    entries.push(
      withTextDiff(
        { field: `${delta.field}.${key}`, parentField: delta.field, before: plain(before), after: plain(after) },
        before,
        after
      )
    )
  }
  return entries
}

const CONTENT_FIELDS: Array<[string, (step: Step) => JsonValue | undefined]> = [
  ['inputs', (step) => step.inputs],
  ['outputs', (step) => step.outputs],
  ['model_info', (step) => step.modelInfo],
  ['tool_info', (step) => step.toolInfo],
  ['error', (step) => step.error],
  ['cost', (step) => step.cost],
  ['usage', (step) => step.usage],
  ['billing', (step) => step.billing]
]

function isEmpty(value: JsonValue | undefined): boolean {
  return value === undefined || value === '' || (isObject(value) && Object.keys(value).length === 0)
}

/** A step with no partner: every non-empty field, against nothing. */
function oneSided(step: Step, side: 'a' | 'b'): FieldChange[] {
  const fields: FieldChange[] = []
  for (const [field, read] of CONTENT_FIELDS) {
    const value = read(step)
    if (isEmpty(value)) continue
    fields.push(
      side === 'a' ? { field, before: plain(value), after: null } : { field, before: null, after: plain(value) }
    )
  }
  return fields
}

function stepOf(run: Run, id: string | null, label: string): Step | null {
  if (id === null) return null
  const step = run.getStep(id)
  if (!step)
    throw new TineError('run.unknown-step', `Unknown step ${id.slice(0, 12)} in run ${label} ${run.id.slice(0, 12)}`)
  return step
}

/** Field-by-field detail of a pair; either id may be null for a step found on one side only. */
export function stepPairDetail(a: Run, aId: string | null, b: Run, bId: string | null): StepPairDetail {
  const stepA = stepOf(a, aId, 'A')
  const stepB = stepOf(b, bId, 'B')
  let fields: FieldChange[] = []
  if (stepA && stepB) fields = stepDeltas(stepA, stepB).flatMap(changesOf)
  else if (stepA) fields = oneSided(stepA, 'a')
  else if (stepB) fields = oneSided(stepB, 'b')
  const cost = (step: Step | null) => (step ? stepCost(step) : 0)
  const tokens = (step: Step | null) => (step ? stepTokens(step).total : 0)
  const duration = (step: Step | null) => (step ? step.duration : 0)
  return {
    a: stepA?.id ?? null,
    b: stepB?.id ?? null,
    fields,
    costDelta: cost(stepB) - cost(stepA),
    tokenDelta: tokens(stepB) - tokens(stepA),
    durationDelta: duration(stepB) - duration(stepA)
  }
}
