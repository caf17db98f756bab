/** Marks a fork's fork point on its graph node. Copies only that node, so the others keep their identity. */
import type { RunGraphNode } from '../graph/build-run-graph'

export function markForkPoint(nodes: RunGraphNode[], forkPoint: string | null): RunGraphNode[] {
  if (!forkPoint) return nodes
  const at = nodes.findIndex((node) => node.id === forkPoint)
  if (at < 0) return nodes
  const next = nodes.slice()
  const node = nodes[at]
  next[at] = {
    ...node,
    className: [node.className, 'fork-point'].filter(Boolean).join(' '),
    data: { ...node.data, forkPoint: true }
  } as RunGraphNode
  return next
}
