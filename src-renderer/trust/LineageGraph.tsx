/**
 * The fork family as a small graph: one dot per run, the origin on top, each fork indented under
 * the run it came from and joined to it by a line. Clicking a dot (or Enter on it) opens that run.
 */
import type { LineageNode } from '../../src-shared/run/lineage'
import { shortId } from '../lib/format'

const ROW = 24
const INDENT = 20
const LEFT = 10
const RADIUS = 5

interface Placed {
  node: LineageNode
  x: number
  y: number
  parent: Placed | null
}

/** Rows in depth-first order, iteratively (a crafted family may be deep). */
function place(root: LineageNode): Placed[] {
  const placed: Placed[] = []
  const stack: Array<{ node: LineageNode; depth: number; parent: Placed | null }> = [
    { node: root, depth: 0, parent: null }
  ]
  while (stack.length) {
    const { node, depth, parent } = stack.pop()!
    const item = { node, x: LEFT + depth * INDENT, y: ROW / 2 + placed.length * ROW, parent }
    placed.push(item)
    for (let i = node.children.length - 1; i >= 0; i--)
      stack.push({ node: node.children[i], depth: depth + 1, parent: item })
  }
  return placed
}

function statusClass(status: string): string {
  return `lineage-dot status-fill-${/^[a-z]+$/.test(status) ? status : 'other'}`
}

export function LineageGraph({
  family,
  openFile,
  onOpen
}: {
  family: LineageNode
  openFile: string
  onOpen: (file: string) => void
}) {
  const placed = place(family)
  const width = Math.max(...placed.map((item) => item.x)) + 220
  const height = placed.length * ROW
  return (
    <svg
      className="lineage-graph"
      data-testid="lineage-graph"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="group"
      aria-label="Fork family graph"
    >
      {placed.map((item) =>
        item.parent ? (
          <path
            key={`edge-${item.node.file}`}
            className="lineage-edge"
            d={`M ${item.parent.x} ${item.parent.y + RADIUS} V ${item.y} H ${item.x - RADIUS}`}
          />
        ) : null
      )}
      {placed.map((item) => {
        const current = item.node.file === openFile
        const name = item.node.branch ?? (item.parent ? 'fork' : 'origin')
        return (
          <g
            key={item.node.file}
            className={`lineage-member${current ? ' current' : ''}`}
            data-testid={`lineage-graph-node-${item.node.runId}`}
            data-file={item.node.file}
            role={current ? undefined : 'button'}
            tabIndex={current ? undefined : 0}
            aria-current={current ? 'true' : undefined}
            aria-label={`${current ? 'This run' : 'Open'} ${shortId(item.node.runId)} (${name})`}
            onClick={() => !current && onOpen(item.node.file)}
            onKeyDown={(event) => {
              if (!current && (event.key === 'Enter' || event.key === ' ')) {
                event.preventDefault()
                onOpen(item.node.file)
              }
            }}
          >
            <title>{`${item.node.file}${item.node.reason ? `\n${item.node.reason}` : ''}`}</title>
            {current && <circle cx={item.x} cy={item.y} r={RADIUS + 3} className="lineage-ring" />}
            <circle cx={item.x} cy={item.y} r={RADIUS} className={statusClass(item.node.status)} />
            <text x={item.x + RADIUS + 6} y={item.y + 4} className="lineage-text">
              <tspan className="lineage-id">{shortId(item.node.runId)}</tspan>{' '}
              <tspan className="lineage-branch">{name}</tspan>
            </text>
          </g>
        )
      })}
    </svg>
  )
}
