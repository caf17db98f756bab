/**
 * Comparing two runs step by step (spec §15). Steps are paired by their place in the graph
 * (the path of sorted-sibling indices from a root) and their kind, so a replay or a fork lines up
 * with its source even where step ids differ.
 */
import { compareCodePoints } from '../../tine/canonical'
import { sha256HexOfText } from '../../tine/hash'
import { isObject, jsonEqual, newObject, type JsonObject, type JsonValue } from '../../tine/json-value'
import { shortId } from '../format'
import type { Run } from '../run'
import type { Step } from '../types'

export interface FieldDelta {
  field: string
  before: JsonValue
  after: JsonValue
  /** For two objects: the sorted keys whose values differ. */
  keys?: string[]
}

export interface StepPair {
  a: string
  b: string
  kind: string
  position: string
  deltas: FieldDelta[]
}

export interface RunDiff {
  commonAncestor: string | null
  /** Pairs with at least one delta, in A's position traversal order. */
  changed: StepPair[]
  /** Every pair, unchanged ones included, in A's position traversal order. */
  paired: StepPair[]
  onlyA: string[]
  onlyB: string[]
  drift: { structural: string[]; accounting: string[]; only_source: string[]; only_replay: string[] }
  identical: boolean
  /** The first A step (in A's order) that changed or exists only in A. */
  firstDivergence: string | null
}

const CONTENT_FIELDS = ['inputs', 'outputs', 'model_info', 'tool_info', 'error'] as const
export const ACCOUNTING_FIELDS = new Set(['cost', 'usage', 'billing'])
const COST_TOLERANCE = 1e-12
const POSITION_DOMAIN = 'opentine.graph-position.v1'

/**
 * Position identities shared by both runs. A position is interned as a small number keyed by
 * (parent position, sibling index), so pairing never builds long path strings; its SHA-256 key
 * is computed once per distinct position, only when asked for.
 */
class PositionTable {
  private readonly ids = new Map<string, number>()
  private readonly parent: number[] = []
  private readonly index: number[] = []
  private readonly hex: string[] = []

  intern(parentPosition: number, siblingIndex: number): number {
    const key = `${parentPosition}:${siblingIndex}`
    let id = this.ids.get(key)
    if (id === undefined) {
      id = this.parent.length
      this.ids.set(key, id)
      this.parent.push(parentPosition)
      this.index.push(siblingIndex)
    }
    return id
  }

  /** hex(SHA-256("opentine.graph-position.v1" NUL parent_key NUL index)), parent_key "root" for roots. */
  key(position: number): string {
    const cached = this.hex[position]
    if (cached !== undefined) return cached
    // Resolve ancestors first, iteratively, so a very deep chain cannot overflow the stack.
    const chain: number[] = []
    for (let at = position; at >= 0 && this.hex[at] === undefined; at = this.parent[at]) chain.push(at)
    for (let i = chain.length - 1; i >= 0; i--) {
      const at = chain[i]
      const parentKey = this.parent[at] < 0 ? 'root' : this.hex[this.parent[at]]
      this.hex[at] = sha256HexOfText(`${POSITION_DOMAIN}\u0000${parentKey}\u0000${this.index[at]}`)
    }
    return this.hex[position]
  }
}

const ROOT = -1

/** Steps grouped under their primary parent (`parent_ids[0]`); a step whose primary parent is missing is a root. */
export function groupByPrimaryParent(run: Run): { roots: Step[]; childrenOf: Map<string, Step[]> } {
  const childrenOf = new Map<string, Step[]>()
  const roots: Step[] = []
  for (const step of run.steps) {
    const primary = step.parentIds[0]
    if (primary === undefined || !run.hasStep(primary)) roots.push(step)
    else {
      const list = childrenOf.get(primary)
      if (list) list.push(step)
      else childrenOf.set(primary, [step])
    }
  }
  return { roots, childrenOf }
}

/** Each step's position, and the steps in position traversal order (depth-first, siblings by id). */
function assignPositions(run: Run, table: PositionTable): { positionOf: Map<string, number>; traversal: Step[] } {
  const { roots, childrenOf } = groupByPrimaryParent(run)
  const byId = (x: Step, y: Step) => compareCodePoints(x.id, y.id)
  const positionOf = new Map<string, number>()
  const traversal: Step[] = []
  const stack: Array<{ step: Step; position: number }> = []
  const pushSiblings = (siblings: Step[], parentPosition: number) => {
    siblings.sort(byId)
    for (let i = siblings.length - 1; i >= 0; i--)
      stack.push({ step: siblings[i], position: table.intern(parentPosition, i) })
  }
  pushSiblings(roots, ROOT)
  while (stack.length) {
    const { step, position } = stack.pop()!
    positionOf.set(step.id, position)
    traversal.push(step)
    const children = childrenOf.get(step.id)
    if (children) pushSiblings(children, position)
  }
  return { positionOf, traversal }
}

function objectDeltaKeys(before: JsonObject, after: JsonObject): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  const differing: string[] = []
  for (const key of keys) {
    const inBefore = Object.prototype.hasOwnProperty.call(before, key)
    const inAfter = Object.prototype.hasOwnProperty.call(after, key)
    if (inBefore !== inAfter || !jsonEqual(before[key], after[key])) differing.push(key)
  }
  return differing.sort(compareCodePoints)
}

function fieldDelta(field: string, before: JsonValue, after: JsonValue): FieldDelta | null {
  if (jsonEqual(before, after)) return null
  const delta: FieldDelta = { field, before, after }
  if (isObject(before) && isObject(after)) delta.keys = objectDeltaKeys(before, after)
  return delta
}

function contentValue(step: Step, field: (typeof CONTENT_FIELDS)[number]): JsonValue {
  switch (field) {
    case 'inputs':
      return step.inputs
    case 'outputs':
      return step.outputs
    case 'model_info':
      return step.modelInfo
    case 'tool_info':
      return step.toolInfo
    case 'error':
      return step.error
  }
}

function accountingDeltas(a: Step, b: Step): FieldDelta[] {
  const deltas: FieldDelta[] = []
  if (Math.abs(a.cost - b.cost) > COST_TOLERANCE) deltas.push({ field: 'cost', before: a.cost, after: b.cost })
  // An absent usage/billing is written as nothing, which reads back as empty.
  const usage = fieldDelta('usage', a.usage ?? newObject(), b.usage ?? newObject())
  if (usage) deltas.push(usage)
  const billing = fieldDelta('billing', a.billing ?? newObject(), b.billing ?? newObject())
  if (billing) deltas.push(billing)
  return deltas
}

export function stepDeltas(a: Step, b: Step): FieldDelta[] {
  const deltas: FieldDelta[] = []
  if (a.id !== b.id) {
    for (const field of CONTENT_FIELDS) {
      const delta = fieldDelta(field, contentValue(a, field), contentValue(b, field))
      if (delta) deltas.push(delta)
    }
  }
  deltas.push(...accountingDeltas(a, b))
  return deltas
}

/** The newest step of A's main-tip ancestry that B's main-tip ancestry also holds (spec §15 step 1). */
export function commonTipAncestor(a: Run, b: Run): string | null {
  const tipA = a.tip('main')
  const tipB = b.tip('main')
  if (tipA === undefined || tipB === undefined) return null
  const ofA = a.ancestors(tipA)
  const ofB = new Set(b.ancestors(tipB))
  for (let i = ofA.length - 1; i >= 0; i--) if (ofB.has(ofA[i])) return ofA[i]
  return null
}

export function diffRuns(a: Run, b: Run): RunDiff {
  const table = new PositionTable()
  const sideA = assignPositions(a, table)
  const sideB = assignPositions(b, table)
  const bAtPosition = new Map<number, Step>()
  for (const step of sideB.traversal) bAtPosition.set(sideB.positionOf.get(step.id)!, step)

  const paired: StepPair[] = []
  const changed: StepPair[] = []
  const pairedA = new Set<string>()
  const pairedB = new Set<string>()
  for (const stepA of sideA.traversal) {
    const position = sideA.positionOf.get(stepA.id)!
    const stepB = bAtPosition.get(position)
    if (!stepB || stepB.kind !== stepA.kind) continue
    const pair: StepPair = {
      a: stepA.id,
      b: stepB.id,
      kind: stepA.kind,
      position: table.key(position),
      deltas: stepDeltas(stepA, stepB)
    }
    paired.push(pair)
    pairedA.add(stepA.id)
    pairedB.add(stepB.id)
    if (pair.deltas.length) changed.push(pair)
  }

  const onlyA = a.order.filter((id) => !b.hasStep(id) && !pairedA.has(id))
  const onlyB = b.order.filter((id) => !a.hasStep(id) && !pairedB.has(id))

  const structural: string[] = []
  const accounting: string[] = []
  for (const pair of changed) {
    for (const delta of pair.deltas) {
      const line = `${shortId(pair.a)} ${delta.field}`
      if (ACCOUNTING_FIELDS.has(delta.field)) accounting.push(line)
      else structural.push(line)
    }
  }
  for (const id of onlyA) structural.push(`${shortId(id)} missing`)
  for (const id of onlyB) structural.push(`${shortId(id)} added`)
  const drift = {
    structural: structural.sort(compareCodePoints),
    accounting: accounting.sort(compareCodePoints),
    only_source: onlyA.map(shortId).sort(compareCodePoints),
    only_replay: onlyB.map(shortId).sort(compareCodePoints)
  }

  const diverging = new Set([...changed.map((pair) => pair.a), ...onlyA])
  const firstDivergence = a.order.find((id) => diverging.has(id)) ?? null

  return {
    commonAncestor: commonTipAncestor(a, b),
    changed,
    paired,
    onlyA,
    onlyB,
    drift,
    identical:
      !drift.structural.length && !drift.accounting.length && !drift.only_source.length && !drift.only_replay.length,
    firstDivergence
  }
}
