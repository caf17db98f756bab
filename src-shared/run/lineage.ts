/**
 * Fork lineage: the family tree of runs through their `forked_from` links (spec §9.4), built from
 * what the open folders list. Files are not trusted: a link may name a run nobody has, several
 * files may hold one run id, and a crafted file may close a loop. None of that may hang or lose a run.
 */
import { compareCodePoints } from '../tine/canonical'

export interface LineageEntry {
  runId: string
  file: string
  forkedFrom: string | null
  forkPoint: string | null
  /** The fork's branch name and reason, when the file records them. */
  branch?: string | null
  reason?: string | null
  createdAt: number
  status: string
}

export interface LineageNode {
  runId: string
  file: string
  forkedFrom: string | null
  forkPoint: string | null
  branch: string | null
  reason: string | null
  createdAt: number
  status: string
  /** A root whose `forked_from` names a run not found in the open folders. */
  missingOrigin?: true
  /** A root made by cutting a `forked_from` loop (only crafted files have one). */
  cycle?: true
  children: LineageNode[]
}

/** A crafted `created_at` (NaN, a string) must not make the sort inconsistent. */
function age(entry: LineageEntry): number {
  return typeof entry.createdAt === 'number' && Number.isFinite(entry.createdAt) ? entry.createdAt : 0
}

function byAge(x: LineageEntry, y: LineageEntry): number {
  return age(x) - age(y) || compareCodePoints(x.file, y.file) || compareCodePoints(x.runId, y.runId)
}

function nodeOf(entry: LineageEntry): LineageNode {
  return {
    runId: entry.runId,
    file: entry.file,
    forkedFrom: entry.forkedFrom,
    forkPoint: entry.forkPoint,
    branch: typeof entry.branch === 'string' ? entry.branch : null,
    reason: typeof entry.reason === 'string' ? entry.reason : null,
    createdAt: age(entry),
    status: entry.status,
    children: []
  }
}

/**
 * The forest of runs, oldest first at every level. Forks hang under the oldest file holding the
 * run they name; a copy of a run (another file with the same id) is its own root.
 */
export function buildLineage(entries: readonly LineageEntry[]): LineageNode[] {
  const nodes = entries.map(nodeOf).sort(byAge)
  const holder = new Map<string, LineageNode>()
  for (const node of nodes) if (!holder.has(node.runId)) holder.set(node.runId, node)

  const parentOf = new Map<LineageNode, LineageNode>()
  const roots: LineageNode[] = []
  for (const node of nodes) {
    const origin = node.forkedFrom === null || node.forkedFrom === '' ? undefined : holder.get(node.forkedFrom)
    if (origin && origin !== node) parentOf.set(node, origin)
    else {
      if (node.forkedFrom && !origin) node.missingOrigin = true
      if (origin === node) node.cycle = true
      roots.push(node)
    }
  }
  for (const node of nodes) parentOf.get(node)?.children.push(node)

  // Whatever no root reaches sits on a loop, or hangs below one: cut each loop at its oldest run.
  const reached = new Set<LineageNode>()
  const mark = (start: LineageNode) => {
    const stack = [start]
    while (stack.length) {
      const node = stack.pop()!
      if (reached.has(node)) continue
      reached.add(node)
      for (const child of node.children) stack.push(child)
    }
  }
  for (const root of roots) mark(root)
  for (const node of nodes) {
    if (reached.has(node)) continue
    const loopStart = oldestOnLoop(node, parentOf)
    const parent = parentOf.get(loopStart)!
    parent.children.splice(parent.children.indexOf(loopStart), 1)
    parentOf.delete(loopStart)
    loopStart.cycle = true
    roots.push(loopStart)
    mark(loopStart)
  }
  roots.sort(byAge)
  return roots
}

/** Following origins from an unreached node always ends on a loop; its oldest member. */
function oldestOnLoop(start: LineageNode, parentOf: Map<LineageNode, LineageNode>): LineageNode {
  const seen = new Set<LineageNode>()
  let node = start
  while (!seen.has(node)) {
    seen.add(node)
    node = parentOf.get(node)!
  }
  let oldest = node
  for (let at = parentOf.get(node)!; at !== node; at = parentOf.get(at)!) if (byAge(at, oldest) < 0) oldest = at
  return oldest
}

/** The tree holding the run of `file` (the whole family of a run and its forks), or undefined. */
export function familyOf(forest: readonly LineageNode[], file: string): LineageNode | undefined {
  for (const root of forest) {
    const stack = [root]
    while (stack.length) {
      const node = stack.pop()!
      if (node.file === file) return root
      for (const child of node.children) stack.push(child)
    }
  }
  return undefined
}

/** The entry a fork compares with by default: the oldest file holding the run it was forked from. */
export function originOf(entries: readonly LineageEntry[], fork: LineageEntry): LineageEntry | undefined {
  if (!fork.forkedFrom) return undefined
  return entries.filter((entry) => entry.runId === fork.forkedFrom && entry !== fork).sort(byAge)[0]
}
