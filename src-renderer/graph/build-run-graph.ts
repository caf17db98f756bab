/**
 * Turns a run's structure into React Flow nodes and edges. Pure: positions come later from the
 * layout, so a status change or a reload with the same steps never moves anything.
 */
import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react'
import type { RunView, StepSummary } from '../../src-shared/api/types'
import { NODE_HEIGHT, NODE_WIDTH } from './geometry'
import type { LayoutGraph, Point } from './layout-types'

export interface StepNodeData extends Record<string, unknown> {
  stepId: string
  kind: string
  label: string
  model: string
  cost: number
  duration: number
  index: number
  /** Names of the refs (branches) whose tip is this step. */
  refs: string[]
  /** More than one parent: a merge. */
  isMerge: boolean
  /** Drawn in the error style, whatever its kind. */
  isError?: boolean
  /** Heat intensity (0..1, relative to the hottest step) while heat colouring is on. */
  heat?: number
  /** Matched by the graph's find box. */
  match?: boolean
}

export interface ErrorNodeData extends StepNodeData {
  /** Error steps are drawn in the error style, whatever their kind. */
  isError: true
}

export type StepFlowNode = Node<StepNodeData, 'step'>
export type ErrorFlowNode = Node<ErrorNodeData, 'errorStep'>
/** A step drawn zoomed out (level of detail, see StepDot): the same data, no text. */
export type DotFlowNode = Node<StepNodeData | ErrorNodeData, 'stepDot'>
export type RunGraphNode = StepFlowNode | ErrorFlowNode | DotFlowNode

export type RunEdgeStyle = 'primary' | 'merge' | 'causal' | 'fork'

export interface RunEdgeData extends Record<string, unknown> {
  /** The parent drawn as the main line (`parent_ids[-1]`); the others are merge edges. */
  primary: boolean
  style: RunEdgeStyle
}
export type RunGraphEdge = Edge<RunEdgeData>

export interface RunGraph {
  nodes: RunGraphNode[]
  edges: RunGraphEdge[]
  layout: LayoutGraph
  /** Changes only when steps or edges change: the layout is recomputed exactly then. */
  structureKey: string
  /** Parent ids named by a step but absent from the run (drawn as roots). */
  missingParents: string[]
  /** What extending the graph by appended steps needs, so a live step costs the same at step 10 and at step 10,000. */
  basis: GraphBasis
}

/**
 * A graph extended by appended steps shares its arrays with the graph it grew from: the new
 * entries are pushed onto them when that graph is the newest of its line (its arrays still end
 * where it does), so a live step costs the same at step 10 and at step 10,000. The counts here
 * say where each graph ends; an older graph of the line must be read up to them only.
 */
interface GraphBasis {
  view: RunView
  hash: number
  indexById: Map<string, number>
  /** Branch names by tip, for `view.refs` (a live patch keeps the refs object). */
  tips: Map<string, string[]>
  nodeCount: number
  edgeCount: number
}

/** The arrays to extend: the previous graph's own when nothing was appended to them since, else copies of its part. */
function grownArrays(previous: RunGraph) {
  const { nodeCount, edgeCount } = previous.basis
  const { nodes, edges, layout } = previous
  const newest =
    nodes.length === nodeCount &&
    edges.length === edgeCount &&
    layout.ids.length === nodeCount &&
    layout.parents.length === nodeCount
  if (newest) return { nodes, edges, ids: layout.ids, parents: layout.parents, indexById: previous.basis.indexById }
  const indexById = new Map<string, number>()
  for (const [id, index] of previous.basis.indexById) if (index < nodeCount) indexById.set(id, index)
  return {
    indexById,
    nodes: nodes.slice(0, nodeCount),
    edges: edges.slice(0, edgeCount),
    ids: layout.ids.slice(0, nodeCount),
    parents: layout.parents.slice(0, nodeCount)
  }
}

/** The fork point is shown by its own badge on the node, so its ref is not repeated as a branch. */
const FORK_POINT_REF = 'fork_point'

function refsByTip(refs: Record<string, string>): Map<string, string[]> {
  const byTip = new Map<string, string[]>()
  for (const name of Object.keys(refs).sort()) {
    if (name === FORK_POINT_REF) continue
    const tip = refs[name]
    if (!tip) continue
    const names = byTip.get(tip)
    if (names) names.push(name)
    else byTip.set(tip, [name])
  }
  return byTip
}

const HANDLE = 6
/**
 * Handles and size are declared up front. Without them React Flow renders every node once to
 * measure it, even with onlyRenderVisibleElements: seconds of DOM churn for a 16,000-step run.
 */
const HANDLES: NodeHandle[] = [
  {
    type: 'target',
    position: Position.Top,
    x: NODE_WIDTH / 2 - HANDLE / 2,
    y: -HANDLE / 2,
    width: HANDLE,
    height: HANDLE
  },
  {
    type: 'source',
    position: Position.Bottom,
    x: NODE_WIDTH / 2 - HANDLE / 2,
    y: NODE_HEIGHT - HANDLE / 2,
    width: HANDLE,
    height: HANDLE
  }
]

const UNPLACED: Point = { x: 0, y: 0 }
const MEASURED = { width: NODE_WIDTH, height: NODE_HEIGHT }

/** One object literal per node and per data, all of one shape: a 100,000-step run builds them all. */
function nodeFor(step: StepSummary, refs: string[]): RunGraphNode {
  const isError = step.isError || step.kind === 'error'
  const data: StepNodeData | ErrorNodeData = {
    stepId: step.id,
    kind: step.kind,
    label: step.label,
    model: step.model,
    cost: step.cost,
    duration: step.duration,
    index: step.index,
    refs,
    isMerge: step.parentIds.length > 1,
    isError
  }
  return {
    id: step.id,
    type: isError ? 'errorStep' : 'step',
    position: UNPLACED,
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    measured: MEASURED,
    handles: HANDLES,
    draggable: false,
    connectable: false,
    data
  } as RunGraphNode
}

/** Up to this many parents, a step's duplicates are found by scanning its list. */
const FEW_PARENTS = 8

const EDGE_CLASS: Record<RunEdgeStyle, string> = {
  primary: 'run-edge run-edge-primary',
  merge: 'run-edge run-edge-merge',
  causal: 'run-edge run-edge-causal',
  fork: 'run-edge run-edge-fork'
}

function lastPlaces(ids: string[]): Map<string, number> {
  const places = new Map<string, number>()
  for (let position = 0; position < ids.length; position++) places.set(ids[position], position)
  return places
}

/** FNV-1a over the text, folded into a short hex key. */
function hashText(hash: number, text: string): number {
  let h = hash
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** The same steps, refs and fork point (a view whose trust or status changed): the same graph. */
function drawsTheSame(previous: RunView, view: RunView): boolean {
  return (
    previous.file === view.file &&
    previous.runId === view.runId &&
    previous.steps === view.steps &&
    previous.refs === view.refs &&
    previous.forkPoint === view.forkPoint
  )
}

/**
 * True when `view` is `previous` with steps appended (a live patch): same run, same refs, and
 * the very step objects of the earlier view in front. A reload builds new objects, so it never
 * matches and gets a full build.
 */
function extendsView(previous: RunView, view: RunView): boolean {
  const before = previous.steps
  const count = before.length
  if (view === previous || view.file !== previous.file || view.runId !== previous.runId || view.refs !== previous.refs)
    return false
  if (view.steps.length <= count || count === 0) return false
  return view.steps[0] === before[0] && view.steps[count - 1] === before[count - 1]
}

/**
 * The graph of `view`. Given the graph of the view it grew from (steps appended by a live patch),
 * only the new steps are built; everything else is shared with `previous`.
 */
export function buildRunGraph(view: RunView, previous?: RunGraph | null): RunGraph {
  if (previous && drawsTheSame(previous.basis.view, view)) return previous
  let extending = previous ? extendsView(previous.basis.view, view) : false
  if (extending && previous!.missingParents.length) {
    // A parent that was missing and now arrived adds edges to old steps: build it all again.
    const fresh = new Set(view.steps.slice(previous!.basis.view.steps.length).map((step) => step.id))
    if (previous!.missingParents.some((id) => fresh.has(id))) extending = false
  }
  const tips = extending ? previous!.basis.tips : refsByTip(view.refs)
  const start = extending ? previous!.basis.view.steps.length : 0
  const { nodes, edges, ids, parents, indexById } = extending
    ? grownArrays(previous!)
    : {
        nodes: [] as RunGraphNode[],
        edges: [] as RunGraphEdge[],
        ids: [] as string[],
        parents: [] as number[][],
        indexById: new Map<string, number>()
      }
  for (let index = start; index < view.steps.length; index++) indexById.set(view.steps[index].id, index)
  const forkPoint = view.forkPoint ?? view.refs[FORK_POINT_REF] ?? null
  const missing = new Set<string>(extending ? previous!.missingParents : [])
  let hash = extending ? previous!.basis.hash : 0x811c9dc5

  for (let index = start; index < view.steps.length; index++) {
    const step = view.steps[index]
    ids.push(step.id)
    nodes.push(nodeFor(step, tips.get(step.id) ?? []))
    const parentIndices: number[] = []
    hash = hashText(hash, step.id)
    const parentIds = step.parentIds
    const last = parentIds.length - 1
    // A parent named twice is one edge, at its last place, so `parent_ids[-1]` stays the primary
    // line. Most steps have one parent; a file may name thousands, so only long lists get a map.
    const lastPlace = last >= FEW_PARENTS ? lastPlaces(parentIds) : null
    for (let position = 0; position <= last; position++) {
      const parentId = parentIds[position]
      if (lastPlace ? lastPlace.get(parentId) !== position : parentIds.indexOf(parentId, position + 1) !== -1) continue
      const parentIndex = indexById.get(parentId)
      if (parentIndex === undefined) {
        missing.add(parentId)
        continue
      }
      hash = hashText(hashText(hash, '<'), parentId)
      parentIndices.push(parentIndex)
      const primary = position === last
      const style: RunEdgeStyle = !primary ? 'merge' : parentId === forkPoint ? 'fork' : 'primary'
      edges.push({
        id: `${parentId}->${step.id}`,
        source: parentId,
        target: step.id,
        data: { primary, style },
        className: EDGE_CLASS[style]
      })
    }
    parents.push(parentIndices)
    // Causal links are drawn but do not shape the layout: they are dependencies, not ancestry.
    for (const causeId of step.causalIds ?? []) {
      if (!indexById.has(causeId) || (lastPlace ? lastPlace.has(causeId) : parentIds.includes(causeId))) continue
      hash = hashText(hash, `~${causeId}`)
      edges.push({
        id: `${causeId}~>${step.id}`,
        source: causeId,
        target: step.id,
        data: { primary: false, style: 'causal' },
        className: EDGE_CLASS.causal
      })
    }
  }

  return {
    nodes,
    edges,
    layout: { ids, parents },
    structureKey: `${view.steps.length}:${hash.toString(16)}`,
    missingParents: [...missing],
    basis: { view, hash, indexById, tips, nodeCount: nodes.length, edgeCount: edges.length }
  }
}

/** The graph built last, which the next view extends when it is that view with steps appended. */
let lastBuilt: RunGraph | null = null

/** buildRunGraph for the explorer's one run graph: a live patch extends the graph built before it. */
export function buildRunGraphIncrementally(view: RunView): RunGraph {
  lastBuilt = buildRunGraph(view, lastBuilt)
  return lastBuilt
}
